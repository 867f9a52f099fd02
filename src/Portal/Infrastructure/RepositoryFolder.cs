namespace Portal.Infrastructure;

/// <summary>
/// Finds a folder that lives at the repository root (content/, locales/). `dotnet run --project src/Portal` makes
/// src/Portal the content root; a published app or container carries the folder beside the binaries.
/// </summary>
public static class RepositoryFolder
{
    public static string Resolve(string? configured, string name, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, contentRoot);
        foreach (var candidate in new[] { name, Path.Combine("..", "..", name) })
        {
            var path = Path.GetFullPath(candidate, contentRoot);
            if (Directory.Exists(path)) return path;
        }
        return Path.GetFullPath(name, contentRoot);
    }
}
