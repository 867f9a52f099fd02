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
    public const long SizeLimitBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The query keys reader pages and the delivery API read: city, region and language (support points), since and limit
    /// (change feed), limit and next (the API's lists). A key a page reads but is missing here would serve one cached answer for every value.
    /// </summary>
    private static readonly string[] QueryKeys = ["city", "region", "language", "since", "limit", "next"];

    /// <summary>
    /// The content coding response compression will choose for this Accept-Encoding: the accepted one with the highest
    /// quality, Brotli before gzip on a tie (the providers' order), none when neither is accepted.
    /// </summary>
    internal static string Coding(Microsoft.Extensions.Primitives.StringValues acceptEncoding)
    {
        if (acceptEncoding.Count == 0) return "identity";
        // Browsers send one value without weights ("gzip, deflate, br, zstd"): decided without parsing, as this runs on every hit.
        if (acceptEncoding.Count == 1 && acceptEncoding[0] is { } plain && !plain.Contains(';') && !plain.Contains('*'))
            return HasToken(plain, "br") ? "br" : HasToken(plain, "gzip") ? "gzip" : "identity";
        if (!Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var values))
            return "identity";
        double Quality(string coding) => values.Where(v => v.Value.Equals(coding, StringComparison.OrdinalIgnoreCase)).Select(v => v.Quality ?? 1).DefaultIfEmpty(
            values.Where(v => v.Value == "*").Select(v => v.Quality ?? 1).DefaultIfEmpty(0).First()).First();
        var (br, gzip) = (Quality("br"), Quality("gzip"));
        return br > 0 && br >= gzip ? "br" : gzip > 0 ? "gzip" : "identity";
    }

    private static bool HasToken(string list, string token)
    {
        foreach (var range in list.AsSpan().Split(','))
            if (list.AsSpan()[range].Trim().Equals(token, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// Keeps a cached copy from outliving <paramref name="until"/> (a story's consent end, a support point's next
    /// opening or closing): the output cache would otherwise serve it for up to 12 hours more.
    /// </summary>
    public static void NotPast(HttpContext http, DateTimeOffset? until, TimeProvider clock)
    {
        if (until is not { } end) return;
        // The answer changes with the clock ("open now"), not only with a publish: dated by its render, so an
        // If-Modified-Since of an earlier copy is not answered 304 (HttpCaching keeps a Last-Modified already set).
        http.Response.Headers.LastModified = Microsoft.Net.Http.Headers.HeaderUtilities.FormatDate(clock.GetUtcNow());
        if (http.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>() is not { } cache) return;
        var left = end - clock.GetUtcNow();
        if (left <= TimeSpan.Zero) cache.Context.AllowCacheStorage = false;
        else if (cache.Context.ResponseExpirationTimeSpan is not { } expires || left < expires) cache.Context.ResponseExpirationTimeSpan = left;
    }

    /// <summary>
    /// Tags this answer with its country (<see cref="ContentCacheTags.Country(string)"/>): it shows only that country's
    /// texts, so a publish elsewhere leaves it cached. Answers without a country tag get <see cref="ContentCacheTags.Content"/>.
    /// </summary>
    public static void ShowsCountry(HttpContext http, string? countryCode, string culture)
    {
        if (countryCode is null || http.Features.Get<IOutputCacheFeature>() is not { } cache) return;
        cache.Context.Tags.Add(ContentCacheTags.Country(countryCode));
        cache.Context.Tags.Add(ContentCacheTags.Country(countryCode, culture));
    }

    /// <summary>After the endpoint ran: an answer that named no country shows many items, and any publish evicts it.</summary>
    private sealed class UntaggedShowsEverything : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;
        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
        {
            if (!context.Tags.Any(ContentCacheTags.IsCountry)) context.Tags.Add(ContentCacheTags.Content);
            return ValueTask.CompletedTask;
        }
    }

    public static IHostApplicationBuilder AddReaderCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(o =>
        {
            // Cultures and slugs are lower-case and matched exactly (/EN/ is no language): keys must not fold case, or
            // /api/v1/EN/countries would get the cached answer of /api/v1/en/countries instead of its 400.
            o.UseCaseSensitivePaths = true;
            // A cap, so that hostile traffic cannot grow the cache without bound (random ?city= values are 200 pages);
            // the least used entries go first. Every reader page of the seed in three codings takes a few MB; at 64 MB the
            // hostile mix's random ?city= pages filled the cap and took peak RSS over 200 MB (docs/decisions/0010).
            o.SizeLimit = SizeLimitBytes;
            // The default policy already refuses authenticated requests and responses that set cookies. Locking stays on:
            // concurrent misses of one page are built once.
            // Keyed by the coding the answer will have (br, gzip or none), not by the raw Accept-Encoding header, whose
            // spellings are endless; and by the query keys pages and the API read, not by any query string (a random
            // ?q= would otherwise be a new entry each time). Not-found answers are never cached (only 200s are).
            o.AddPolicy(Policy, b => b.Tag(ContentCacheTags.Reader).AddPolicy<UntaggedShowsEverything>()
                .SetVaryByQuery(QueryKeys)
                .VaryByValue(c => new KeyValuePair<string, string>("coding", Coding(c.Request.Headers.AcceptEncoding)))
                .Expire(TimeSpan.FromHours(12))
                .AddPolicy<EvictionAwareCacheStore.SeenPolicy>()
                .AddPolicy<Portal.Operations.SiteMirrorRequests.BypassCache>());
        });
        // The store AddOutputCache registered (in memory, with the size limit above), wrapped: EvictionAwareCacheStore.
        var memory = builder.Services.Last(s => s.ServiceType == typeof(IOutputCacheStore));
        builder.Services.Remove(memory);
        builder.Services.AddSingleton(sp => new EvictionAwareCacheStore((IOutputCacheStore)memory.ImplementationFactory!(sp)));
        builder.Services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<EvictionAwareCacheStore>());
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // reader pages carry no secrets; editor pages opt out (BREACH) in their own folder
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/atom+xml", "text/vcard", "application/problem+json"]);
        });
        // Brotli before gzip on a tie; the level per answer (kept by the output cache or made per request): ReaderCompression.
        builder.Services.AddSingleton<IResponseCompressionProvider, ReaderCompression>();
        return builder;
    }
}
