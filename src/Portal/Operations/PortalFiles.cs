using Portal.Data;
using Portal.Localization;

namespace Portal.Operations;

/// <summary>
/// The files a serving portal cannot do without, checked before its host is built: wwwroot (the stylesheet every page
/// links to), the locales folder, locales/{culture}.json for every language of Portal:Cultures and the editor's
/// locales/editor/{culture}.json. Without one a reader would get pages that show keys such as site.name instead of text,
/// so the start is refused with one line that names what is missing. The commands (<see cref="PortalCommands"/>) need
/// none of them.
/// </summary>
public static class PortalFiles
{
    public static void Require(WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var webRoot = string.IsNullOrEmpty(environment.WebRootPath) ? Path.Combine(environment.ContentRootPath, "wwwroot") : environment.WebRootPath;
        if (!Directory.Exists(webRoot))
            throw new PortalConfigurationException($"{webRoot} is missing: publish the app with its wwwroot folder (the stylesheet every page links to).");

        var locales = LocalesFolder.Of(builder).Path;
        if (!Directory.Exists(locales))
            throw new PortalConfigurationException($"{locales} is missing: put the repository's locales/ folder beside the app or set Portal:LocalesPath.");

        var cultures = builder.Configuration.GetSection("Portal:Cultures").GetChildren().Select(c => c.Value).OfType<string>();
        RequireStrings(cultures, locales, names => $"Portal:Cultures lists {names}, whose pages would show keys such as site.name instead of text.");
        RequireStrings(PathCultureProvider.EditorCultures.Names, Path.Combine(locales, "editor"), names => $"the editor workspace speaks {names}.");
    }

    private static void RequireStrings(IEnumerable<string> cultures, string folder, Func<string, string> why)
    {
        var missing = cultures.Where(c => !File.Exists(Path.Combine(folder, c + ".json"))).ToList();
        if (missing.Count == 0) return;
        var files = string.Join(", ", missing.Select(c => Path.Combine(folder, c + ".json")));
        throw new PortalConfigurationException($"{files} {(missing.Count == 1 ? "is" : "are")} missing: {why(string.Join(", ", missing))}");
    }
}
