using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Portal.Content;

namespace Portal.Infrastructure;

/// <summary>
/// Output cache and compression for reader pages: compressed bytes are cached, so a cache hit does no work at all.
/// (A second cache of ready copies in front of it was measured and removed: docs/decisions/0004.)
/// </summary>
public static class ReaderCaching
{
    public const string Policy = "reader";

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

    /// <summary>/{culture}/search: answered per request, never from the output cache.</summary>
    public static bool IsSearch(PathString path)
        => path.Value is { } p && p.EndsWith("/search", StringComparison.Ordinal) && p.AsSpan().Count('/') == 2;

    /// <summary>
    /// Compression for what is made per request (search answers): Brotli and gzip at their default quality. SmallestSize
    /// suits pages compressed once for the output cache, but on a search answer it cost more CPU than the search itself,
    /// for a few percent fewer bytes.
    /// </summary>
    public static IApplicationBuilder UsePerRequestCompression(this IApplicationBuilder app)
    {
        var options = new ResponseCompressionOptions { EnableForHttps = true };
        options.Providers.Add(new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions { Level = CompressionLevel.Optimal })));
        options.Providers.Add(new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions { Level = CompressionLevel.Optimal })));
        return app.UseMiddleware<ResponseCompressionMiddleware>(new ResponseCompressionProvider(app.ApplicationServices, Options.Create(options)));
    }
}
