using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;

namespace Portal.Localization;

/// <summary>
/// The culture is the first path segment (/fr/countries/guinea). Read from the path rather than route data so that
/// the re-executed 404 page still sees the language of the URL the reader asked for. No cookie is ever read or set;
/// Accept-Language only decides for URLs that carry no supported language (/, a 404 for /xx/…).
/// </summary>
public sealed class PathCultureProvider(PortalCultures cultures) : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var path = httpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? httpContext.Request.Path.Value ?? "";
        var segment = path.TrimStart('/').Split('/', 2)[0];
        var culture = cultures.IsSupported(segment)
            ? segment
            : cultures.Match(httpContext.Request.Headers.AcceptLanguage.ToString()) ?? cultures.Source;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
    }
}
