using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the answers are rendered from the database, and Last-Modified is read from it on start.
/// <summary>
/// HTTP caching as a browser, proxy or CDN sees it: every public answer carries a strong ETag, Last-Modified and a
/// short Cache-Control, answers If-None-Match and If-Modified-Since with 304 whether or not it sits in the output cache,
/// never carries Age, and always says Vary: Accept-Encoding.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class HttpCachingTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    private static readonly string[] Urls =
    [
        "/nl/", "/ar/countries/iraq", "/fa/countries/guinea/safety", "/en/support-points?city=Leiden", "/nl/support-points/leiden.vcf",
        "/api/v1/fr/countries/guinea", "/api/v1/en/countries", "/fr/feed.atom", "/sitemap.xml", "/robots.txt", "/openapi/v1.json", "/api",
    ];

    public static TheoryData<string> PublicAnswers => [.. Urls];

    [Theory]
    [MemberData(nameof(PublicAnswers))]
    public async Task EveryPublicAnswerCarriesValidatorsAShortCacheControlAndVaryButNoAge(string url)
    {
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        foreach (var encoding in new[] { "identity", "br", "identity" }) // a render, a render in Brotli, a cache hit
        {
            using var response = await GetAsync(client, url, encoding);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.ETag!.IsWeak);
            Assert.NotNull(response.Content.Headers.LastModified);
            var cacheControl = response.Headers.CacheControl!;
            Assert.True(cacheControl.Public);
            Assert.Equal(TimeSpan.FromSeconds(60), cacheControl.MaxAge);
            Assert.Contains(cacheControl.Extensions, e => e.Name == "stale-while-revalidate");
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Null(response.Headers.Age);
        }
    }

    /// <summary>All but the support-point list, whose "open now" may change with the clock (then dated by its render).</summary>
    public static TheoryData<string> DatedByPublication => [.. Urls.Where(u => !u.StartsWith("/en/support-points?", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(DatedByPublication))]
    public async Task IfNoneMatchAndIfModifiedSinceAre304ColdAndWarm(string url)
    {
        using var client = app.CreateReaderClient();
        await app.EvictReaderCacheAsync();
        using var first = await GetAsync(client, url, "br");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        foreach (var state in new[] { "cold", "warm" })
        {
            if (state == "cold") await app.EvictReaderCacheAsync();
            using var byTag = await GetAsync(client, url, "br", r => r.Headers.IfNoneMatch.Add(etag));
            Assert.True(HttpStatusCode.NotModified == byTag.StatusCode, $"{state} If-None-Match: {(int)byTag.StatusCode}");
            Assert.Equal(etag, byTag.Headers.ETag);
            Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
            Assert.Contains("Accept-Encoding", byTag.Headers.Vary);

            if (state == "cold") await app.EvictReaderCacheAsync();
            using var byDate = await GetAsync(client, url, "br", r => r.Headers.IfModifiedSince = lastModified);
            Assert.True(HttpStatusCode.NotModified == byDate.StatusCode, $"{state} If-Modified-Since: {(int)byDate.StatusCode}");
        }
        // The 304 on a miss still left the full answer in the output cache for the next reader.
        using var next = await GetAsync(client, url, "br");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.True(next.FromCache());
        Assert.Equal(etag, next.Headers.ETag);

        using var other = await GetAsync(client, url, "br", r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"another\"")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using var older = await GetAsync(client, url, "br", r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        // A plain client has its own representation, so a Brotli client's tag is not its own.
        using var plain = await GetAsync(client, url, "identity", r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    [Fact]
    public async Task ValidatorsComeFromWhatWasPublishedNotFromTheRenderAndMoveWithAPublish()
    {
        using var client = app.CreateReaderClient();
        const string url = "/nl/countries/guinea";
        await app.EvictReaderCacheAsync();
        using var first = await GetAsync(client, url, "identity");
        await Task.Delay(1100); // a later second: a date from the render would differ
        await app.EvictReaderCacheAsync();
        using var again = await GetAsync(client, url, "identity");
        Assert.False(again.FromCache());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(first.Content.Headers.LastModified, again.Content.Headers.LastModified);

        await PublishAsync(app, "/api/v1/manage/items/country-guide/guinea/nl", "Nieuwe alinea over caching.");
        using var changed = await GetAsync(client, url, "identity", r =>
        {
            r.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Nieuwe alinea over caching.", await changed.Content.ReadAsStringAsync());
        Assert.True(changed.Content.Headers.LastModified > first.Content.Headers.LastModified);
        using var byDate = await GetAsync(client, url, "identity", r => r.Headers.IfModifiedSince = first.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.OK, byDate.StatusCode);
    }

    [Theory]
    [InlineData("/nl/search?q=guinea")]
    [InlineData("/editor/sign-in")]
    public async Task SearchAndEditorPagesStayNoStoreWithoutValidators(string url)
    {
        await app.SearchReadyAsync();
        using var client = app.CreateReaderClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Null(response.Headers.ETag);
    }

    /// <summary>What a script does with the management API: the text, its draft with one more paragraph, then publish.</summary>
    internal static async Task PublishAsync(PortalApplication app, string text, string paragraph, HttpClient? client = null)
    {
        using var api = client ?? app.CreateClient();
        api.UseToken(await app.EditorTokenAsync($"caching-{Guid.NewGuid():N}@example.org"));
        using var got = await api.GetAsync(text);
        var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
        draft["body"] = (string)draft["body"]! + "\n\n" + paragraph;
        using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, text + "/draft", draft, got.Headers.ETag);
        await ManagementApiTests.JsonAsync(saved);
        using var published = await ManagementApiTests.SendAsync(api, HttpMethod.Post, text + "/publish", null, saved.Headers.ETag);
        await ManagementApiTests.JsonAsync(published);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string acceptEncoding, Action<HttpRequestMessage>? more = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        more?.Invoke(request);
        return client.SendAsync(request);
    }
}
