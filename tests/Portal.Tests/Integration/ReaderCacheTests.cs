using System.IO.Compression;
using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the cached pages are rendered from the database, and a publish must reach readers through the cache.
/// <summary>
/// The output cache in front of reader pages and the delivery API: the next reader gets exactly the bytes the first got
/// (<see cref="CacheHits"/> says it came from the cache), each encoding its own, and nothing the cache must not keep.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ReaderCacheTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    [Theory]
    [InlineData("/nl/countries/guinea")]
    [InlineData("/ar/countries/iraq")]
    [InlineData("/api/v1/fr/countries/guinea")]
    public async Task TheNextReaderGetsTheSameBytesAndHeadersFromTheCache(string url)
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        using var first = await SendAsync(client, HttpMethod.Get, url, "br");
        Assert.False(first.FromCache()); // rendered

        using var second = await SendAsync(client, HttpMethod.Get, url, "br");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await second.Content.ReadAsByteArrayAsync();
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), body);
        Assert.Equal(body.Length, second.Content.Headers.ContentLength);
        Assert.Equal("br", Assert.Single(second.Content.Headers.ContentEncoding));
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("Accept-Encoding", Assert.Single(second.Headers.Vary));
        Assert.Single(second.Headers.GetValues("Content-Security-Policy")); // the outer layer's headers are not doubled
        Assert.True(second.FromCache());
        Assert.False(second.Headers.Contains("Set-Cookie"));

        using var head = await SendAsync(client, HttpMethod.Head, url, "br");
        // A HEAD describes the same answer. (Kestrel drops a HEAD answer's body; the in-memory test server does not.)
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(first.Headers.ETag, head.Headers.ETag);
    }

    [Fact]
    public async Task EachEncodingGetsItsOwnCachedAnswerOfTheSamePage()
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        const string url = "/fa/countries/guinea";
        var pages = new List<string>();
        var cached = new List<bool>();
        foreach (var encoding in new[] { "br", "gzip", "identity", "br", "gzip", "identity" })
        {
            using var response = await SendAsync(client, HttpMethod.Get, url, encoding);
            Assert.Equal(encoding == "identity" ? [] : [encoding], response.Content.Headers.ContentEncoding);
            cached.Add(response.FromCache());
            await using var raw = await response.Content.ReadAsStreamAsync();
            await using Stream decoded = encoding switch
            {
                "br" => new BrotliStream(raw, CompressionMode.Decompress),
                "gzip" => new GZipStream(raw, CompressionMode.Decompress),
                _ => raw,
            };
            pages.Add(await new StreamReader(decoded).ReadToEndAsync());
        }
        Assert.Equal([false, false, false, true, true, true], cached); // one cache entry per encoding
        Assert.Single(pages.Distinct());
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\"", pages[0]);
    }

    [Fact]
    public async Task AnEvictionEmptiesTheCacheAndTheNextReaderGetsAFreshPage()
    {
        using var client = app.CreateReaderClient();
        (await client.GetAsync("/en/countries/iraq")).EnsureSuccessStatusCode();
        using var cached = await client.GetAsync("/en/countries/iraq");
        Assert.True(cached.FromCache());

        await app.EvictReaderCacheAsync(); // what a publish, the scheduler and another node's NOTIFY all do
        using var again = await client.GetAsync("/en/countries/iraq");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.FromCache()); // rendered anew, not served from any cache
    }

    [Fact]
    public async Task NotFoundPagesAndEditorPagesAreNotCached()
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        foreach (var _ in new[] { 1, 2 })
        {
            using var missing = await client.GetAsync("/nl/countries/atlantis");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.False(missing.FromCache());
            using var wrongLanguage = await client.GetAsync("/xx/countries/guinea");
            Assert.Equal(HttpStatusCode.NotFound, wrongLanguage.StatusCode);
            Assert.False(wrongLanguage.FromCache());
            using var signIn = await client.GetAsync("/editor/sign-in");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.False(signIn.FromCache()); // a page with an antiforgery cookie is never cached
        }
    }

    [Fact]
    public async Task APageTheCacheKeepsIsCompressedAtItsSmallestAndANotFoundPageCheaply()
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        using var kept = await SendAsync(client, HttpMethod.Get, "/nl/countries/guinea", "br");
        var keptBytes = await kept.Content.ReadAsByteArrayAsync();
        // Compressed once for every later reader: fewer bytes than Brotli's default quality gives the same page.
        Assert.True(keptBytes.Length < Brotli(Unbrotli(keptBytes), quality: 4), $"{keptBytes.Length} bytes");

        using var missing = await SendAsync(client, HttpMethod.Get, $"/nl/countries/{Guid.NewGuid():N}", "br");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("br", Assert.Single(missing.Content.Headers.ContentEncoding));
        var missingBytes = await missing.Content.ReadAsByteArrayAsync();
        var notFound = Unbrotli(missingBytes);
        Assert.Contains("<html lang=\"nl\"", notFound);
        // Made anew for every random URL: the default quality, not the slowest (quality 11 gives some 15% fewer bytes).
        Assert.True(missingBytes.Length > Brotli(notFound, quality: 11) * 1.05, $"{missingBytes.Length} bytes");
    }

    private static string Unbrotli(byte[] body)
    {
        using var decoded = new BrotliStream(new MemoryStream(body), CompressionMode.Decompress);
        return new StreamReader(decoded).ReadToEnd();
    }

    private static int Brotli(string text, int quality)
    {
        var source = System.Text.Encoding.UTF8.GetBytes(text);
        var target = new byte[BrotliEncoder.GetMaxCompressedLength(source.Length)];
        Assert.True(BrotliEncoder.TryCompress(source, target, out var written, quality, window: 22));
        return written;
    }

    [Fact]
    public async Task ACrossOriginReadGetsItsCorsHeadersFromTheCacheToo()
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        const string url = "/api/v1/nl/countries";
        foreach (var _ in new[] { 1, 2 })
        {
            using var crossOrigin = await CrossOriginAsync(client, url);
            Assert.Equal("*", crossOrigin.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
        using var plain = await client.GetAsync(url);
        Assert.True(plain.FromCache());
        Assert.False(plain.Headers.Contains("Access-Control-Allow-Origin")); // the cache holds no origin's answer
    }

    private static Task<HttpResponseMessage> CrossOriginAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", "https://mirror.example");
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string acceptEncoding)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        return client.SendAsync(request);
    }
}
