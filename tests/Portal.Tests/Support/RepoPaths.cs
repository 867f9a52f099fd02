namespace Portal.Tests.Support;

/// <summary>Folders of the repository the tests read (the shipped content and UI strings), found from the test binaries upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Content => Path.Combine(Root, "content");
    public static string Locales => Path.Combine(Root, "locales");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A scratch copy of content/ a test may change.</summary>
    public static string CopyContent()
    {
        var target = Path.Combine(Path.GetTempPath(), "portal-content-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Content, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(Content, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }
}
