using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portal.Content;

namespace Portal.Api;

/// <summary>
/// An unexpected failure in the API, a feed or the OpenAPI document answers as problem details (500) too, so a client of
/// the API never gets the reader site's HTML error page. Runs before UseExceptionHandler("/error") re-executes; other
/// paths fall through to it. The exception itself is logged by the middleware, never sent.
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

        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side",
                Detail = "Please try again later.",
            },
        });
    }
}
