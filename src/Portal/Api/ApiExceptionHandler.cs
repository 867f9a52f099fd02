using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portal.Content;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Api;

/// <summary>
/// An unexpected failure in the API, a feed or the OpenAPI document answers as problem details too, so a client of
/// the API never gets the reader site's HTML error page. Runs after <see cref="ServerErrorLog"/> has logged the exception
/// (the middleware does not log what a handler handled) and before UseExceptionHandler("/error") re-executes; other
/// paths fall through to it. The answer carries the error id of the log line, never the exception.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at /error; the feature keeps the path that failed.
        var path = new PathString(http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value);
        var api = path.StartsWithSegments(ApiUrls.Base) || path.StartsWithSegments("/openapi")
            || (path.Value?.EndsWith("/feed.atom", StringComparison.Ordinal) ?? false);
        if (!api) return false;

        ServerErrors.SetStatus(http, exception);
        var (title, detail) = RequestLimits.IsTooLarge(exception)
            ? ("Request too large", $"The body is over the limit of {RequestLimits.LimitFor(http.Request.Method, path) / 1024 / 1024} MB.")
            : DatabaseFault.Classify(exception) switch
        {
            DatabaseFaultKind.DiskFull => ("Storage full", "Nothing was saved: the server has no room left. Please try again later."),
            DatabaseFaultKind.Unreachable or DatabaseFaultKind.CannotOpen => ("Service unavailable", "The database cannot be reached. Please try again later."),
            _ => ("Something went wrong on our side", "Please try again later."),
        };
        var details = new ProblemDetails { Status = http.Response.StatusCode, Title = title, Detail = detail };
        if (ServerErrors.Id(http) is { } id) details.Extensions["errorId"] = id;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details });
    }
}
