using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the pages copied are rendered from the database, and a publish must reach readers through the copies.
/// <summary>
/// The ready copies in front of the output cache (Infrastructure/HotPages.cs): a reader gets from a copy exactly what the
/// output cache would send, each encoding its own, and nothing is copied that the output cache would not store.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class HotPagesTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    private HotPages Copies => app.Services.GetRequiredService<HotPages>();

    [Theory]
    [InlineData("/nl/countries/guinea")]
    [InlineData("/ar/countries/iraq")]
    [InlineData("/api/v1/fr/countries/guinea")]
    public async Task TheNextReaderGetsTheSameBytesAndHeadersFromTheCopy(string url)
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        using var first = await SendAsync(client, HttpMethod.Get, url, "br");
        Assert.Equal(1, Copies.Count);

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
        Assert.NotNull(second.Headers.Age);
        Assert.False(second.Headers.Contains("Set-Cookie"));

        using var head = await SendAsync(client, HttpMethod.Head, url, "br");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(first.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task EachEncodingGetsItsOwnCopyOfTheSamePage()
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        const string url = "/fa/countries/guinea";
        var pages = new List<string>();
        foreach (var encoding in new[] { "br", "gzip", "identity", "br", "gzip", "identity" })
        {
            using var response = await SendAsync(client, HttpMethod.Get, url, encoding);
            Assert.Equal(encoding == "identity" ? [] : [encoding], response.Content.Headers.ContentEncoding);
            await using var raw = await response.Content.ReadAsStreamAsync();
            await using Stream decoded = encoding switch
            {
                "br" => new BrotliStream(raw, CompressionMode.Decompress),
                "gzip" => new GZipStream(raw, CompressionMode.Decompress),
                _ => raw,
            };
            pages.Add(await new StreamReader(decoded).ReadToEndAsync());
        }
        Assert.Equal(3, Copies.Count);
        Assert.Single(pages.Distinct());
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\"", pages[0]);
    }

    [Fact]
    public async Task AnEvictionTakesTheCopiesWithItAndTheNextReaderGetsAFreshPage()
    {
        using var client = app.CreateReaderClient();
        (await client.GetAsync("/en/countries/iraq")).EnsureSuccessStatusCode();
        (await client.GetAsync("/en/support-points")).EnsureSuccessStatusCode();
        Assert.True(Copies.Count >= 2);

        await app.EvictReaderCacheAsync(); // what a publish, the scheduler and another node's NOTIFY all do
        Assert.Equal(0, Copies.Count);
        using var again = await client.GetAsync("/en/countries/iraq");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Age); // rendered anew, not served from any cache
    }

    [Fact]
    public async Task NotFoundPagesEditorPagesAndConditionalRequestsAreNotCopied()
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        foreach (var _ in new[] { 1, 2 })
        {
            using var missing = await client.GetAsync("/nl/countries/atlantis");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var wrongLanguage = await client.GetAsync("/xx/countries/guinea");
            Assert.Equal(HttpStatusCode.NotFound, wrongLanguage.StatusCode);
            using var signIn = await client.GetAsync("/editor/sign-in");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }
        Assert.Equal(0, Copies.Count);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/nl/countries/guinea");
        conditional.Headers.IfModifiedSince = DateTimeOffset.UtcNow.AddDays(-1);
        (await client.SendAsync(conditional)).EnsureSuccessStatusCode();
        Assert.Equal(0, Copies.Count); // conditional requests stay with the output cache and its 304s
    }

    [Fact]
    public async Task ACrossOriginReadIsAnsweredWithItsCorsHeadersAndNeverCopied()
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        const string url = "/api/v1/nl/countries";
        foreach (var _ in new[] { 1, 2 })
        {
            using var crossOrigin = await CrossOriginAsync(client, url);
            Assert.Equal("*", crossOrigin.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
        Assert.Equal(0, Copies.Count);

        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        Assert.Equal(1, Copies.Count);
        using var afterCopy = await CrossOriginAsync(client, url);
        Assert.Equal("*", afterCopy.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var plain = await client.GetAsync(url);
        Assert.False(plain.Headers.Contains("Access-Control-Allow-Origin")); // the copy holds no origin's answer
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
