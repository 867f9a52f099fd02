namespace Portal.Operations;

/// <summary>
/// `dotnet /app/Portal.dll validate …` started from another folder would read appsettings.json (and put data/) in that
/// folder, because the content root defaults to the current directory. When the current directory has no
/// appsettings.json and the app's own folder has one (a published app), the app's folder is the content root.
/// `dotnet run --project src/Portal` and the tests keep the default.
/// </summary>
public static class AppFolder
{
    public static string? ContentRoot()
    {
        var cwd = Directory.GetCurrentDirectory();
        var app = AppContext.BaseDirectory;
        return !File.Exists(Path.Combine(cwd, "appsettings.json")) && File.Exists(Path.Combine(app, "appsettings.json")) ? app : null;
    }
}
