using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Portal.Content;

namespace Portal.Infrastructure;

/// <summary>
/// HTTP caching of every public answer (the endpoints with the reader output-cache policy: reader pages, delivery API,
/// feeds, sitemap, robots.txt, OpenAPI, contact cards), for browsers, proxies and CDNs as for the output cache:
/// <list type="bullet">
/// <item><see cref="UseValidators"/>, inside the output cache and outside compression, so its headers are stored with the
/// entry: a strong ETag (SHA-256 of exactly the bytes sent, so each content coding has its own), Last-Modified
/// (<see cref="ReaderLastModified"/> when the answer has no date of its own) and Cache-Control.</item>
/// <item><see cref="UseConditionalRequests"/>, outside the output cache: answers If-None-Match and If-Modified-Since with
/// 304 from those headers, whether the answer came from the cache or was just made (the output cache still stores the
/// 200); drops the Age the output cache adds (its entries are evicted on every change, so they are as fresh as a new
/// render: an Age beside max-age would make them stale on arrival); and adds Vary: Accept-Encoding to every
/// representation, compressed or not, so a shared cache never gives a Brotli client the plain body or the reverse.</item>
/// </list>
/// </summary>
public static class HttpCaching
{
    /// <summary>
    /// The default: a minute, so a publish or the emergency notice reaches a reader's browser or a proxy within one
    /// (plus at most one stale view within the next, while the copy is revalidated in the background).
    /// </summary>
    public const int DefaultMaxAgeSeconds = 60;

    public static string CacheControl(int maxAgeSeconds) => $"public, max-age={maxAgeSeconds}, stale-while-revalidate={maxAgeSeconds}";

    /// <summary>True for a GET or HEAD of an endpoint with an output-cache policy (only public answers have one).</summary>
    public static bool IsPublicRead(HttpContext http)
        => (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.GetEndpoint()?.Metadata is { } m && (m.GetMetadata<OutputCacheAttribute>() is not null || m.GetMetadata<IOutputCachePolicy>() is not null);

    public static IApplicationBuilder UseValidators(this IApplicationBuilder app)
    {
        var cacheControl = CacheControl(app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Portal:Caching:MaxAgeSeconds", DefaultMaxAgeSeconds));
        var published = app.ApplicationServices.GetRequiredService<ReaderLastModified>();
        return app.Use(async (http, next) =>
        {
            if (!IsPublicRead(http))
            {
                await next(http);
                return;
            }
            var lastModified = published.Value; // before the render: a change during it moves the date past this copy's
            var response = http.Response;
            var original = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await next(http);
            }
            finally
            {
                response.Body = original;
            }
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                var headers = response.Headers;
                if (StringValues.IsNullOrEmpty(headers.ETag))
                    headers.ETag = $"\"{Base64Url.EncodeToString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))}\"";
                if (StringValues.IsNullOrEmpty(headers.LastModified)) headers.LastModified = HeaderUtilities.FormatDate(lastModified);
                if (StringValues.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = cacheControl;
                response.ContentLength = buffer.Length;
            }
            if (HttpMethods.IsHead(http.Request.Method)) return; // made as for GET, so the validators match; sent without
            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
        });
    }

    public static IApplicationBuilder UseConditionalRequests(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!IsPublicRead(http)) return next(http);
        var request = http.Request;
        var conditions = new Conditions(http, request.Headers.IfNoneMatch, request.Headers.IfModifiedSince);
        if (conditions.Any)
        {
            // Answered here from the final headers; below, the output cache and the endpoint always make (and store) the 200.
            request.Headers.Remove(HeaderNames.IfNoneMatch);
            request.Headers.Remove(HeaderNames.IfModifiedSince);
            http.Response.Body = new NotModifiedBody(http.Response.Body, conditions);
        }
        http.Response.OnStarting(static state => ((Conditions)state).Finish(), conditions);
        return next(http);
    });

    private sealed class Conditions(HttpContext http, StringValues ifNoneMatch, StringValues ifModifiedSince)
    {
        private bool? _notModified;

        public bool Any => !StringValues.IsNullOrEmpty(ifNoneMatch) || !StringValues.IsNullOrEmpty(ifModifiedSince);

        /// <summary>
        /// Decided once, from the headers of the 200 as its body begins (or as the headers go, for an answer without one).
        /// The status stays 200 until the headers go, so the output cache, which looks at it after the endpoint ran, stores
        /// the answer; the body is dropped meanwhile, so the headers go only when the request is over.
        /// </summary>
        public bool NotModified => _notModified ??= Any && http.Response.StatusCode == StatusCodes.Status200OK && IsNotModified(http.Response.Headers);

        public Task Finish()
        {
            var response = http.Response;
            var headers = response.Headers;
            headers.Remove(HeaderNames.Age);
            if (!headers.Vary.Any(v => v is not null && v.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)))
                headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            if (NotModified)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                headers.ContentType = default;
            }
            return Task.CompletedTask;
        }

        /// <summary>RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present, else If-Modified-Since.</summary>
        private bool IsNotModified(IHeaderDictionary headers)
        {
            if (!StringValues.IsNullOrEmpty(ifNoneMatch))
            {
                if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
                var current = EntityTagHeaderValue.TryParse(headers.ETag.ToString(), out var etag) ? etag : null;
                return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (current is not null && t.Compare(current, useStrongComparison: false)));
            }
            return HeaderUtilities.TryParseDate(ifModifiedSince.ToString(), out var since)
                && HeaderUtilities.TryParseDate(headers.LastModified.ToString(), out var modified)
                && modified <= since;
        }
    }

    /// <summary>Passes the body through, or drops it when the answer will be a 304 (the server refuses a 304's body).</summary>
    private sealed class NotModifiedBody(Stream inner, Conditions conditions) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
            => conditions.NotModified ? ValueTask.CompletedTask : inner.WriteAsync(buffer, ct);

        public override Task FlushAsync(CancellationToken ct) => conditions.NotModified ? Task.CompletedTask : inner.FlushAsync(ct);

        public override void Flush() => FlushAsync(default).GetAwaiter().GetResult();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
