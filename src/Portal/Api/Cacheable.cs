using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Portal.Api;

/// <summary>
/// A read response as bytes with Last-Modified (the newest text in it). The ETag (of the bytes sent, per coding),
/// Cache-Control and the 304s come from <see cref="Infrastructure.HttpCaching"/>, as for pages.
/// </summary>
public sealed class Cacheable(byte[] body, string contentType, DateTimeOffset? lastModified) : IResult
{
    /// <summary>As <see cref="Infrastructure.HttpCaching"/> sets it with the default max-age (documented in the OpenAPI document).</summary>
    public static readonly string CacheControl = Infrastructure.HttpCaching.CacheControl(Infrastructure.HttpCaching.DefaultMaxAgeSeconds);

    public static Cacheable Json(object value, JsonSerializerOptions options)
        => new(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options), "application/json; charset=utf-8", (value as IHasLastModified)?.LastModified);

    public Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = contentType;
        if (lastModified is { } modified) response.Headers.LastModified = HeaderUtilities.FormatDate(modified);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, http.RequestAborted).AsTask(); // HEAD too: the server drops it, the ETag is its hash
    }
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
