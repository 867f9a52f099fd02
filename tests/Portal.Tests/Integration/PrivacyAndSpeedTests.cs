using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: it counts SQL commands per request and reads pages from the database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class PrivacyAndSpeedTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    public static TheoryData<string> Cultures() => ConfiguredCultures.Theory(ConfiguredCultures.All);

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task ACountryPageAndItsStylesheetWeighAtMost14KbCompressed(string culture)
    {
        using var client = app.CreateReaderClient();
        long total = 0;
        foreach (var country in new[] { "guinea", "iraq" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{culture}/countries/{country}");
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            using var page = await client.SendAsync(request);
            Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
            var pageBytes = (await page.Content.ReadAsByteArrayAsync()).Length;

            // The stylesheet link is fingerprinted and served compressed by MapStaticAssets.
            var doc = await client.GetDocumentAsync($"/{culture}/countries/{country}");
            var css = doc.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
            Assert.Matches(@"/css/site\.[a-z0-9]+\.css$", css);
            using var cssRequest = new HttpRequestMessage(HttpMethod.Get, css);
            cssRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            using var cssResponse = await client.SendAsync(cssRequest);
            Assert.Contains("immutable", cssResponse.Headers.CacheControl!.ToString());
            var cssBytes = (await cssResponse.Content.ReadAsByteArrayAsync()).Length;

            total = pageBytes + cssBytes;
            Assert.True(total <= 14 * 1024, $"{culture}/{country}: {pageBytes} B page + {cssBytes} B css = {total} B > 14 KB");
        }
    }

    [Fact]
    public async Task ReaderResponsesCarryAStrictContentSecurityPolicyAndNoCookie()
    {
        using var client = app.CreateReaderClient();
        foreach (var url in new[] { "/", "/nl/", "/ar/countries/iraq", "/fr/support-points?city=Leiden", "/sitemap.xml", "/nl/nope" })
        {
            using var response = await client.GetAsync(url);
            Assert.False(response.Headers.Contains("Set-Cookie"), url);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task ReaderPagesLoadNothingFromAnotherHost()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync("/en/countries/guinea");
        var loaded = doc.QuerySelectorAll("link[rel=stylesheet], script[src], img[src], iframe, link[rel=preconnect], link[rel=icon]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")).ToList();
        Assert.All(loaded, u => Assert.StartsWith("/", u));
        Assert.Empty(doc.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task ACachedPageIsServedFromTheOutputCache()
    {
        using var client = app.CreateReaderClient();
        using var first = await client.GetAsync("/nl/countries/guinea");
        using var second = await client.GetAsync("/nl/countries/guinea");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(second.FromCache(), "the second response should come from the output cache (X-Test-Cache)");
    }

    [Theory]
    [InlineData("/nl/countries/iraq")]
    [InlineData("/ar/countries/guinea")]
    [InlineData("/fr/support-points")]
    public async Task ACachedReaderRequestSendsNoDatabaseCommandAndAMissAtMostTwo(string url)
    {
        var counter = app.Services.GetRequiredService<DbCommandCounter>();
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();

        var before = counter.Count;
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var miss = counter.Count - before;

        before = counter.Count;
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var hit = counter.Count - before;

        Assert.InRange(miss, 1, 2);
        Assert.Equal(0, hit);
    }
}
