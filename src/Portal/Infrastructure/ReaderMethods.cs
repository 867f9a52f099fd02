using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace Portal.Infrastructure;

/// <summary>
/// The reader site is read-only: its pages answer GET and HEAD, OPTIONS with the methods they allow, and anything else
/// with 405 and <c>Allow</c> (Razor Pages would otherwise run a POST as far as the antiforgery check and answer 400).
/// Endpoints mapped with their methods (API, feeds, sitemap, contact cards) get routing's own 405, and OPTIONS (other
/// than a CORS preflight, which UseCors answers) 204 with the methods of the endpoints of that address.
/// </summary>
public static class ReaderMethods
{
    public static readonly string[] Read = [HttpMethods.Get, HttpMethods.Head];
    private const string Allowed = "GET, HEAD, OPTIONS";

    /// <summary>After routing, which has chosen the page; the editor's pages, which post forms, are left alone.</summary>
    public static IApplicationBuilder UseReaderMethods(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var method = context.Request.Method;
        if (HttpMethods.IsOptions(method) && !context.Request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod)
            && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null
            && MethodsAt(context) is { Count: > 0 } methods)
        {
            context.Response.Headers.Allow = string.Join(", ", methods.Append(HttpMethods.Options));
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }
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

    /// <summary>
    /// The methods the endpoints mapped with methods answer at this path (not the catch-all fallbacks), in the usual
    /// order. Templates only, constraints aside: OPTIONS is rare, and a method list is no secret.
    /// </summary>
    private static List<string> MethodsAt(HttpContext context)
    {
        var endpoints = WithMethods.GetValue(context.RequestServices.GetRequiredService<EndpointDataSource>(), source => source.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Order != int.MaxValue && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
            .Select(e => (Matcher: new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? "/"), new RouteValueDictionary()),
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods))
            .ToList());
        return endpoints.Where(e => e.Matcher.TryMatch(context.Request.Path, new RouteValueDictionary()))
            .SelectMany(e => e.Methods).Where(m => !HttpMethods.IsOptions(m)).Distinct()
            .OrderBy(m => Array.IndexOf(Order, m) is var i and >= 0 ? i : Order.Length).ToList();
    }

    private static readonly string[] Order = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];
    /// <summary>Per app (tests run several in one process), built on the first OPTIONS.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EndpointDataSource, List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> WithMethods = new();
}
