using Portal.Data;
using Portal.Operations;

namespace Portal.Infrastructure;

/// <summary>
/// Portal:PublicUrl (e.g. https://portal.example.org): the one origin of every absolute URL the portal writes (canonical
/// and hreflang links, feeds, sitemap, robots.txt, JSON-LD, the OpenAPI servers entry, the print copy's QR code), so a
/// forged Host header cannot put another site into them or into caches. When it is set, a request for another host is
/// answered 400, except the health endpoints, which probes address by the node's own name. Required in Production;
/// elsewhere (Development, tests) it may be left out, and then the request's own scheme and host are used.
/// </summary>
public sealed class PublicUrl(Uri? configured)
{
    public const string Setting = "Portal:PublicUrl";

    public Uri? Configured { get; } = configured;

    /// <summary>scheme://host[:port] without a slash at the end, for <paramref name="request"/> when none is configured.</summary>
    public string Origin(HttpRequest request) => Configured is { } u ? u.GetLeftPart(UriPartial.Authority) : $"{request.Scheme}://{request.Host}";

}

public static class PublicUrlExtensions
{
    /// <summary>The origin of absolute URLs in this answer: Portal:PublicUrl, or this request's scheme and host.</summary>
    public static string PublicOrigin(this HttpContext http) => http.RequestServices.GetRequiredService<PublicUrl>().Origin(http.Request);

    /// <summary>Reads and checks the setting; the one-line reason of a refused start when it is missing (Production) or not an origin.</summary>
    public static IHostApplicationBuilder AddPublicUrl(this IHostApplicationBuilder builder, bool serving)
    {
        var value = builder.Configuration[PublicUrl.Setting];
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")
                || url.AbsolutePath != "/" || url.Query != "" || url.Fragment != "" || url.UserInfo != "")
                throw new PortalConfigurationException($"{PublicUrl.Setting} '{value}' is not an http(s) origin such as https://portal.example.org (no path, query or user).");
        }
        else if (serving && builder.Environment.IsProduction())
        {
            throw new PortalConfigurationException($"{PublicUrl.Setting} is not set: set it to the address readers use, e.g. https://portal.example.org (environment variable Portal__PublicUrl).");
        }
        builder.Services.AddSingleton(new PublicUrl(url));
        return builder;
    }

    /// <summary>Host filtering: 400 for a request whose Host is not the public URL's (when one is set).</summary>
    public static IApplicationBuilder UsePublicHost(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<PublicUrl>().Configured is not { } url) return app;
        var host = url.IdnHost;
        return app.Use((http, next) =>
        {
            if (string.Equals(http.Request.Host.Host, host, StringComparison.OrdinalIgnoreCase) || http.Request.Path.StartsWithSegments(HealthEndpoints.Prefix))
                return next(http);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync("Bad Request: this site answers only for its own host name.\n");
        });
    }
}
