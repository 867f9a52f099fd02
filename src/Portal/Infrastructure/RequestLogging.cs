using System.Diagnostics;

namespace Portal.Infrastructure;

/// <summary>
/// One line per request: method, path, status, duration. Deliberately without the client's IP address, user agent
/// or query string: visiting a return portal can itself be sensitive. ASP.NET Core's own request logs
/// (Microsoft.AspNetCore.Hosting.Diagnostics) are off in appsettings.json: they would duplicate this, and at any level
/// but None the host starts an Activity for every request to scope them, a cost every cached page paid.
/// </summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UsePrivacyPreservingRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Requests");
        if (!logger.IsEnabled(LogLevel.Information)) return app;
        return app.Use(async (context, next) =>
        {
            var start = Stopwatch.GetTimestamp();
            await next(context);
            Log(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0}ms")]
    private static partial void Log(ILogger logger, string method, string path, int status, double elapsedMs);
}
