namespace Portal.Infrastructure;

/// <summary>
/// Headers on every response, reader and editor alike. The CSP allows nothing from other hosts and no script at all:
/// the reader site needs none, and an injected one must never run.
/// </summary>
public static class SecurityHeaders
{
    private const string Csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = Csp;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    });
}
