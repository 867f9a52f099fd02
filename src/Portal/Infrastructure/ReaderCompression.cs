using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure;

/// <summary>
/// Chooses how hard to compress per answer, when its first byte is written and its status is known: Brotli and gzip at
/// their smallest size for an answer the output cache will keep (compressed once, served many times), at their fastest
/// for one made per request (a not-found page for a random URL, a refusal, a search). Quality 11 on every not-found page
/// held the hostile mix to ~55 of them a second, Brotli's default quality (4) to ~600 with a hash table of about 1 MB per
/// answer; quality 1 sizes its table to the few KB of the page (docs/decisions/0010). For a page compressed once the few
/// percent quality 11 saves are worth it.
/// </summary>
internal sealed class ReaderCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options) : IResponseCompressionProvider
{
    private readonly ResponseCompressionProvider _kept = Providers(services, options.Value, CompressionLevel.SmallestSize);
    private readonly ResponseCompressionProvider _once = Providers(services, options.Value, CompressionLevel.Fastest);
    private readonly ResponseCompressionProvider _large = Providers(services, options.Value, CompressionLevel.Optimal);

    public ICompressionProvider? GetCompressionProvider(HttpContext context)
        => (!WillBeCached(context) ? _once : context.GetEndpoint()?.Metadata.GetMetadata<LargeAnswer>() is null ? _kept : _large).GetCompressionProvider(context);

    public bool ShouldCompressResponse(HttpContext context) => _kept.ShouldCompressResponse(context);

    public bool CheckRequestAcceptsCompression(HttpContext context) => _kept.CheckRequestAcceptsCompression(context);

    /// <summary>
    /// Marks an endpoint whose answer can run to megabytes (the sitemap at 1,000 countries: 12,000 addresses, each with
    /// its seven alternates): Brotli's smallest size on that took 5.9 s and its encoder's 4 MB-window hash forest, touched
    /// whole by a body that large, lifted the process by ~60 MB. Kept at the default level (quality 4) instead.
    /// </summary>
    public sealed class LargeAnswer
    {
        public static readonly LargeAnswer Instance = new();
    }

    /// <summary>What the output cache stores: a 200 of a request its policy lets it store (the default policy keeps no other status).</summary>
    internal static bool WillBeCached(HttpContext context)
        => context.Response.StatusCode == StatusCodes.Status200OK
           && context.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true, AllowCacheStorage: true };

    private static ResponseCompressionProvider Providers(IServiceProvider services, ResponseCompressionOptions shared, CompressionLevel level)
    {
        var options = new ResponseCompressionOptions { EnableForHttps = shared.EnableForHttps, MimeTypes = shared.MimeTypes, ExcludedMimeTypes = shared.ExcludedMimeTypes };
        options.Providers.Add(new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions { Level = level })));
        options.Providers.Add(new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions { Level = level })));
        return new ResponseCompressionProvider(services, Options.Create(options));
    }
}
