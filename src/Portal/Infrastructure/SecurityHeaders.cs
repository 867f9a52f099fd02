namespace Portal.Infrastructure;

/// <summary>
/// Headers on every response, reader and editor alike. The CSP allows nothing from other hosts and no script at all:
/// the reader site needs none, and an injected one must never run; a video and its subtitle tracks come from the portal
/// itself (media-src 'self'). Set as the response starts, so that the exception
/// handler, which clears the headers of a failed request before the error page, cannot leave an error page without them.
/// </summary>
public static class SecurityHeaders
{
    private const string Csp = "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(Set, context.Response);
        return next(context);
    });

    private static Task Set(object state)
    {
        var h = ((HttpResponse)state).Headers;
        // A page with a policy of its own keeps it (the offline copy allows its one inline style by hash, nothing else).
        if (string.IsNullOrEmpty(h.ContentSecurityPolicy)) h.ContentSecurityPolicy = Csp;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        return Task.CompletedTask;
    }
}
