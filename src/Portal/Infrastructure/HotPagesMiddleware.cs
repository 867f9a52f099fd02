using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Portal.Content;

namespace Portal.Infrastructure;

/// <summary>
/// Serves a reader page from <see cref="HotPages"/> before routing and the output cache run. Only plain reads: a request
/// with credentials goes on (the output cache would not serve it either), a conditional one too, so that the output
/// cache keeps answering If-None-Match and If-Modified-Since with its 304s, and a cross-origin one, which needs CORS's
/// per-endpoint headers. Copies are made by <see cref="HotPageRecording"/>, further in.
/// </summary>
public sealed class HotPageServing(RequestDelegate next, HotPages pages)
{
    public Task InvokeAsync(HttpContext http)
    {
        // A status other than 200 already: the error and not-found pages re-executing the pipeline, which must keep theirs.
        if (!HotPages.IsPlainRead(http.Request) || http.Response.StatusCode != StatusCodes.Status200OK)
            return next(http);
        var now = HotPages.Clock.GetUtcNow();
        return pages.TryGet(HotPages.Key(http.Request), now, out var page) ? ServeAsync(http, page, now) : next(http);
    }

    private static Task ServeAsync(HttpContext http, HotPage page, DateTimeOffset now)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        foreach (var (name, value) in page.Headers) headers[name] = value;
        headers.Age = HeaderUtilities.FormatNonNegativeInt64(Math.Max(0, (long)(now - page.Created).TotalSeconds));
        response.ContentLength = page.Body.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(page.Body, http.RequestAborted).AsTask();
    }
}

/// <summary>
/// Records what the output cache sends for a plain GET of an endpoint with a cache policy, so that the next request for
/// it is served by <see cref="HotPageServing"/>. Sits right outside the output cache, after routing and CORS.
/// </summary>
public sealed class HotPageRecording(RequestDelegate next, HotPages pages, IOptions<OutputCacheOptions> options)
{
    private readonly TimeSpan _defaultValidFor = options.Value.DefaultExpirationTimeSpan;

    public Task InvokeAsync(HttpContext http)
        => HttpMethods.IsGet(http.Request.Method) && HotPages.IsPlainRead(http.Request) && HasCachePolicy(http.GetEndpoint()) ? RecordAsync(http) : next(http);

    private static bool HasCachePolicy(Endpoint? endpoint)
        => endpoint?.Metadata.GetMetadata<IOutputCachePolicy>() is not null || endpoint?.Metadata.GetMetadata<OutputCacheAttribute>() is not null;

    private async Task RecordAsync(HttpContext http)
    {
        var key = HotPages.Key(http.Request);
        var generation = pages.Generation; // before the response is made: see HotPages.TryAdd
        var response = http.Response;
        var client = response.Body;
        var recorder = new HotPageRecorder(client, http);
        response.Body = recorder;
        try
        {
            await next(http);
        }
        finally
        {
            response.Body = client;
        }
        var now = HotPages.Clock.GetUtcNow();
        if (!http.RequestAborted.IsCancellationRequested && recorder.Take(ContentCacheTags.Reader, now, _defaultValidFor) is { } page)
            pages.TryAdd(key, page, generation, now);
    }
}

public static class HotPagesExtensions
{
    /// <summary>Early, before routing: a hit needs no endpoint.</summary>
    public static IApplicationBuilder UseHotPages(this IApplicationBuilder app) => app.UseMiddleware<HotPageServing>();

    /// <summary>Right before UseOutputCache: after routing (only endpoints with a cache policy are recorded) and CORS.</summary>
    public static IApplicationBuilder UseHotPageRecording(this IApplicationBuilder app) => app.UseMiddleware<HotPageRecording>();
}
