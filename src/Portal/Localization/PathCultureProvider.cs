using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;

namespace Portal.Localization;

/// <summary>
/// The culture is the first path segment (/fr/countries/guinea). Read from the path rather than route data so that
/// the re-executed 404 and error pages still sees the language of the URL the reader asked for. No cookie is ever read or set;
/// Accept-Language only decides for URLs that carry no supported language (/, a 404 for /xx/…). The workspace's
/// language is the editor's choice (a cookie scoped to /editor, so readers never send or get it), else Accept-Language.
/// </summary>
public sealed class PathCultureProvider(PortalCultures cultures) : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var path = httpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? httpContext.Request.Path.Value ?? "";
        var segments = path.TrimStart('/').Split('/', 4);
        if (segments[0] == "editor")
        {
            // A preview renders in the language it previews (/editor/preview/{culture}/…); the workspace itself speaks Dutch or English.
            if (segments is [_, "preview", var previewed, ..] && cultures.IsSupported(previewed))
                return Result(previewed);
            if (httpContext.Request.Cookies[EditorLanguageCookie] is { } chosen && EditorCultures.IsSupported(chosen))
                return Result(chosen);
            return Result(EditorCultures.Match(httpContext.Request.Headers.AcceptLanguage.ToString()) ?? EditorCultures.Source);
        }
        var segment = segments[0];
        var culture = cultures.IsSupported(segment)
            ? segment
            : cultures.Match(httpContext.Request.Headers.AcceptLanguage.ToString()) ?? cultures.Source;
        return Result(culture);
    }

    private static Task<ProviderCultureResult?> Result(string culture) => Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));

    /// <summary>The workspace language an editor chose with the switch in its header (Pages/Editor/Language).</summary>
    public const string EditorLanguageCookie = "portal.lang";

    /// <summary>The editor workspace's own languages (locales/editor/{culture}.json), whatever Portal:Cultures lists.</summary>
    public static readonly PortalCultures EditorCultures = new(new PortalOptions { SourceCulture = "nl", Cultures = ["nl", "en"] });
}
