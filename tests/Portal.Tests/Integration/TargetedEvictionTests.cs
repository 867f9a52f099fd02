using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: publishing goes through the database, and eviction follows what was published.
/// <summary>
/// A publish evicts what shows the text and keeps the rest cached: the country's pages (in every language for a source
/// text, in its own for a republished translation), the lists, feeds and the sitemap; never another country's pages.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class TargetedEvictionTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    private static readonly string[] Guinea = ["/nl/countries/guinea", "/ar/countries/guinea", "/en/countries/guinea/safety", "/api/v1/fr/countries/guinea"];
    private static readonly string[] Iraq = ["/nl/countries/iraq", "/fa/countries/iraq/safety", "/api/v1/en/countries/iraq", "/api/v1/nl/countries/iraq/safety"];
    private static readonly string[] Lists = ["/nl/", "/ar/countries", "/sitemap.xml", "/en/feed.atom", "/api/v1/nl/countries", "/nl/support-points"];

    [Fact]
    public async Task ASourcePublishEvictsItsCountryInEveryLanguageAndTheListsButNoOtherCountry()
    {
        using var client = app.CreateReaderClient();
        await CacheAsync(client, [.. Guinea, .. Iraq, .. Lists]);

        await HttpCachingTests.PublishAsync(app, "/api/v1/manage/items/country-guide/guinea/nl", "Alleen Guinee is veranderd.");

        foreach (var url in Guinea.Concat(Lists)) Assert.False(await FromCacheAsync(client, url), $"{url} should have been evicted");
        foreach (var url in Iraq) Assert.True(await FromCacheAsync(client, url), $"{url} should still be cached");
        Assert.Contains("Alleen Guinee is veranderd.", await client.GetStringAsync("/nl/countries/guinea"));
    }

    [Fact]
    public async Task ARepublishedTranslationEvictsOnlyItsOwnLanguageOfTheCountry()
    {
        using var client = app.CreateReaderClient();
        string[] otherLanguages = ["/nl/countries/guinea", "/fa/countries/guinea", "/api/v1/nl/countries/guinea"];
        await CacheAsync(client, ["/en/countries/guinea", "/api/v1/en/countries/guinea", .. otherLanguages, .. Iraq, "/en/countries"]);

        await HttpCachingTests.PublishAsync(app, "/api/v1/manage/items/country-guide/guinea/en", "Only the English text changed.");

        Assert.False(await FromCacheAsync(client, "/en/countries/guinea"));
        Assert.False(await FromCacheAsync(client, "/api/v1/en/countries/guinea"));
        Assert.False(await FromCacheAsync(client, "/en/countries")); // lists show its title
        foreach (var url in otherLanguages.Concat(Iraq)) Assert.True(await FromCacheAsync(client, url), $"{url} should still be cached");
        Assert.Contains("Only the English text changed.", await client.GetStringAsync("/en/countries/guinea"));
    }

    [Fact]
    public async Task TheEmergencyNoticeStillEvictsEveryPage()
    {
        using var client = app.CreateReaderClient();
        await CacheAsync(client, [.. Iraq, .. Lists]);
        await app.EvictReaderCacheAsync(); // what the notice, an import or a rename do
        foreach (var url in Iraq.Concat(Lists)) Assert.False(await FromCacheAsync(client, url), url);
    }

    private static async Task CacheAsync(HttpClient client, IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
            Assert.True(await FromCacheAsync(client, url), $"{url} was not cached");
        }
    }

    private static async Task<bool> FromCacheAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return response.FromCache();
    }
}
