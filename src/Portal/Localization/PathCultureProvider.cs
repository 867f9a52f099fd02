using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;

namespace Portal.Localization;

/// <summary>
/// The culture is the first path segment (/fr/countries/guinea). Read from the path rather than route data so that
/// the re-executed 404 and error pages still see the language of the URL the reader asked for. No cookie is ever read or set;
/// Accept-Language only decides for URLs that carry no supported language (/, a 404 for /xx/…).
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
            return Result(EditorCultures.Match(httpContext.Request.Headers.AcceptLanguage.ToString()) ?? EditorCultures.Source);
        }
        var segment = segments[0];
        var culture = cultures.IsSupported(segment)
            ? segment
            : cultures.Match(httpContext.Request.Headers.AcceptLanguage.ToString()) ?? cultures.Source;
        return Result(culture);
    }

    private static Task<ProviderCultureResult?> Result(string culture) => Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));

    /// <summary>The editor workspace's own languages (locales/editor/{culture}.json), whatever Portal:Cultures lists.</summary>
    internal static readonly PortalCultures EditorCultures = new(new PortalOptions { SourceCulture = "nl", Cultures = ["nl", "en"] });
}
