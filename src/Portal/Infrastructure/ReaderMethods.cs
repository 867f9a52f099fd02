using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Infrastructure;

/// <summary>
/// The reader site is read-only: its pages answer GET and HEAD, OPTIONS with the methods they allow, and anything else
/// with 405 and <c>Allow</c> (Razor Pages would otherwise run a POST as far as the antiforgery check and answer 400).
/// Endpoints mapped with their methods (API, feeds, sitemap, contact cards) get routing's own 405.
/// </summary>
public static class ReaderMethods
{
    public static readonly string[] Read = [HttpMethods.Get, HttpMethods.Head];
    private const string Allowed = "GET, HEAD, OPTIONS";

    /// <summary>After routing, which has chosen the page; the editor's pages, which post forms, are left alone.</summary>
    public static IApplicationBuilder UseReaderMethods(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            || context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not { } page
            || page.ViewEnginePath.StartsWith("/Editor/", StringComparison.Ordinal)
            // A re-executed 404 or error page keeps the failed request's method: it must still render.
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
            return next(context);

        context.Response.Headers.Allow = Allowed;
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false; // the 404 page would turn it into a 404
        context.Response.StatusCode = HttpMethods.IsOptions(method) ? StatusCodes.Status204NoContent : StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    });
}
