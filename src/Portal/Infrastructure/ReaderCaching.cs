using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Portal.Content;

namespace Portal.Infrastructure;

/// <summary>
/// Output cache and compression for reader pages: compressed bytes are cached, so a cache hit does no work at all.
/// (A second cache of ready copies in front of it was measured and removed: docs/decisions/0004.)
/// </summary>
public static class ReaderCaching
{
    public const string Policy = "reader";

    /// <summary>
    /// Keeps a cached copy from outliving <paramref name="until"/> (a story's consent end): the output cache would
    /// otherwise serve it for up to 12 hours more.
    /// </summary>
    public static void NotPast(HttpContext http, DateTimeOffset? until, TimeProvider clock)
    {
        if (until is not { } end || http.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>() is not { } cache) return;
        var left = end - clock.GetUtcNow();
        if (left <= TimeSpan.Zero) cache.Context.AllowCacheStorage = false;
        else if (cache.Context.ResponseExpirationTimeSpan is not { } expires || left < expires) cache.Context.ResponseExpirationTimeSpan = left;
    }

    public static IHostApplicationBuilder AddReaderCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(o =>
        {
            // Cultures and slugs are lower-case and matched exactly (/EN/ is no language): keys must not fold case, or
            // /api/v1/EN/countries would get the cached answer of /api/v1/en/countries instead of its 400.
            o.UseCaseSensitivePaths = true;
            // The default policy already refuses authenticated requests and responses that set cookies. Locking stays on:
            // concurrent misses of one page are built once.
            o.AddPolicy(Policy, b => b.Tag(ContentCacheTags.Reader).SetVaryByHeader("Accept-Encoding").Expire(TimeSpan.FromHours(12)));
        });
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // reader pages carry no secrets; editor pages opt out (BREACH) in their own folder
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/atom+xml", "text/vcard", "application/problem+json"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.SmallestSize);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.SmallestSize);
        return builder;
    }
}
