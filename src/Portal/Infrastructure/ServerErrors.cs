using Microsoft.AspNetCore.Diagnostics;
using Portal.Data;

namespace Portal.Infrastructure;

/// <summary>
/// Every unexpected exception is logged here, once, with the request's method and path (never its query string or the
/// client's address) and an error id that the error page and the problem details show, so a user's report can be found in
/// the log. On .NET 10 the exception handler middleware no longer logs an exception that a handler handled, so logging
/// is not left to it: this handler runs first, logs, and lets the API's handler or the /error page answer.
/// A database that cannot be reached or opened or has no room left is a 503 (with Retry-After), not a 500.
/// </summary>
public static class ServerErrors
{
    internal const string IdKey = "Portal.ErrorId";
    public const int RetryAfterSeconds = 30;

    /// <summary>Before every other exception handler (the API's), so that each failure is logged whoever answers it.</summary>
    public static IServiceCollection AddServerErrors(this IServiceCollection services) => services.AddExceptionHandler<ServerErrorLog>();

    public static IApplicationBuilder UseServerErrors(this IApplicationBuilder app) => app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error",
        StatusCodeSelector = StatusFor,
        // Logged by ServerErrorLog with its error id; the middleware's own line would say it again without one.
        SuppressDiagnosticsCallback = _ => true,
    });

    /// <summary>The error id of this request's failure (set when it was logged), or null when nothing failed.</summary>
    public static string? Id(HttpContext http) => http.Items[IdKey] as string;

    public static int StatusFor(Exception exception)
        => RequestLimits.IsTooLarge(exception) ? StatusCodes.Status413PayloadTooLarge
            : DatabaseFault.IsTemporary(exception) ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status500InternalServerError;

    /// <summary>What the answer to a failed request says, in the status, Retry-After and the words a user reads.</summary>
    public static void SetStatus(HttpContext http, Exception exception)
    {
        http.Response.StatusCode = StatusFor(exception);
        if (http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable) RetryLater(http.Response);
    }

    public static void RetryLater(HttpResponse response)
        => response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed partial class ServerErrorLog(ILogger<ServerErrorLog> logger) : IExceptionHandler
{

    public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // Short enough to read out on the phone; random, so it says nothing about the request or the reader.
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        http.Items[ServerErrors.IdKey] = id;
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "/";
        if (RequestLimits.IsTooLarge(exception)) TooLarge(logger, http.Request.Method, path, id); // the client's doing: no stack trace
        else Log(logger, exception, http.Request.Method, path, DatabaseFault.Describe(exception) ?? exception.GetType().Name, id);
        return ValueTask.FromResult(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} refused: the body is over the request limit; error id {ErrorId}")]
    private static partial void TooLarge(ILogger logger, string method, string path, string errorId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed ({Cause}); error id {ErrorId}")]
    private static partial void Log(ILogger logger, Exception exception, string method, string path, string cause, string errorId);
}
