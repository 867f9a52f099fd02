using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Portal.Api;

/// <summary>
/// A read response as bytes with its validators: a strong ETag (SHA-256 of exactly the bytes sent), Last-Modified,
/// Cache-Control, and a 304 when If-None-Match holds the current tag. The output cache stores the 200 with these
/// headers and answers later conditional requests itself, so the ETag must be right before the first byte is written.
/// </summary>
public sealed class Cacheable(byte[] body, string contentType, DateTimeOffset? lastModified) : IResult
{
    /// <summary>Short, so a publish reaches readers within a minute; stale copies may be served while revalidating.</summary>
    public const string CacheControl = "public, max-age=60, stale-while-revalidate=600";

    public static Cacheable Json(object value, JsonSerializerOptions options)
        => new(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options), "application/json; charset=utf-8", (value as IHasLastModified)?.LastModified);

    public Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = contentType;
        var etag = new EntityTagHeaderValue(ETag(body, ContentCoding(http)));
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = CacheControl;
        if (lastModified is { } modified) response.Headers.LastModified = HeaderUtilities.FormatDate(modified);

        if (Matches(http.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentType = null;
            return Task.CompletedTask;
        }
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    internal static string ETag(ReadOnlySpan<byte> body, string? coding)
        => $"\"{Base64Url.EncodeToString(SHA256.HashData(body))}{(coding is null ? "" : "." + coding)}\"";

    /// <summary>
    /// The coding UseResponseCompression will apply to this response, if any. A strong ETag names one exact byte sequence,
    /// so the Brotli and gzip variants each get their own tag (RFC 9110 §8.8.3.3); the output cache varies by Accept-Encoding too.
    /// </summary>
    private static string? ContentCoding(HttpContext http)
    {
        var compression = http.RequestServices.GetService<IResponseCompressionProvider>();
        if (compression is null || !compression.CheckRequestAcceptsCompression(http) || !compression.ShouldCompressResponse(http)) return null;
        return compression.GetCompressionProvider(http)?.EncodingName;
    }

    private static bool Matches(StringValues ifNoneMatch, EntityTagHeaderValue etag)
        => !StringValues.IsNullOrEmpty(ifNoneMatch)
            && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
}

/// <summary>
/// The API group's filter: a handler returns TypedResults.Ok(dto) (so the OpenAPI document knows its shape); this turns
/// the 200 into <see cref="Cacheable"/>. Errors and other results pass through untouched.
/// </summary>
internal sealed class CacheableFilter(IOptions<JsonOptions> json) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        return inner is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } and IValueHttpResult { Value: { } value }
            ? Cacheable.Json(value, json.Value.SerializerOptions)
            : result;
    }
}
