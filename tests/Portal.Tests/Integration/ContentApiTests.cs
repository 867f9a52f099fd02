using System.Buffers.Text;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Portal.Content;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: every endpoint is a database query.
/// <summary>The delivery API's contract: every endpoint in every language, its errors, validators, CORS and its OpenAPI document.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ContentApiTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    private static IReadOnlyList<string> Cultures => ConfiguredCultures.All;

    /// <summary>Every content endpoint (path after /api/v1/{culture}) with the kind and key of the item a detail returns.</summary>
    private static readonly (string Path, ContentKind? Kind, string? Key)[] Endpoints =
    [
        ("/countries", null, null),
        ("/countries/guinea", ContentKind.CountryGuide, "guinea"),
        ("/countries/iraq", ContentKind.CountryGuide, "iraq"),
        ("/countries/guinea/safety", ContentKind.SafetyAssessment, "guinea-safety"),
        ("/countries/iraq/safety", ContentKind.SafetyAssessment, "iraq-safety"),
        ("/support-points", null, null),
        ("/support-points?city=Leiden", null, null),
        ("/support-points/leiden", ContentKind.SupportPoint, "leiden"),
        ("/stories", null, null),
        ("/stories/mazan", ContentKind.Story, "mazan"),
        ("/pages", null, null),
        ("/pages/about", ContentKind.Page, "about"),
        ("/pages/privacy", ContentKind.Page, "privacy"),
    ];

    public static TheoryData<string, string> EveryEndpointInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Cultures)
            foreach (var (path, _, _) in Endpoints)
                data.Add(c, path);
        return data;
    }

    [Fact]
    public async Task LanguagesListsEveryPortalLanguageWithItsDirectionAndTheSource()
    {
        using var client = app.CreateReaderClient();
        var json = await client.GetJsonAsync("/api/v1/languages");
        Assert.Equal("nl", json.Str("sourceLanguage"));
        var languages = json.GetProperty("languages").EnumerateArray().ToList();
        Assert.Equal(Cultures, languages.Select(l => l.Str("code")));
        Assert.Equal(["ltr", "ltr", "ltr", "rtl", "rtl", "rtl"], languages.Select(l => l.Str("direction")));
        Assert.Equal(["nl"], languages.Where(l => l.GetProperty("isSource").GetBoolean()).Select(l => l.Str("code")));
        Assert.Equal("Français", languages[2].Str("name"));
        Assert.All(languages, l => Assert.Equal($"/{l.Str("code")}/feed.atom", l.GetProperty("links").Str("feed")));
    }

    [Theory]
    [MemberData(nameof(EveryEndpointInEveryLanguage))]
    public async Task EveryEndpointAnswersInEveryLanguageSayingWhichLanguageItServed(string culture, string path)
    {
        using var client = app.CreateReaderClient();
        var url = $"/api/v1/{culture}{path}";
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var isList = json.TryGetProperty("items", out var list);
        var items = isList ? list.EnumerateArray().ToList() : [json];
        Assert.NotEmpty(items);
        if (isList) Assert.Equal(culture, json.Str("culture"));
        foreach (var item in items)
        {
            // Every seed text is translated into every language and current; only the Dutch source is human-reviewed.
            var language = item.GetProperty("language");
            Assert.Equal(culture, language.Str("requested"));
            Assert.Equal(culture, language.Str("served"));
            Assert.False(language.GetProperty("translationMissing").GetBoolean());
            Assert.False(language.GetProperty("outdated").GetBoolean());
            Assert.Equal(JsonValueKind.Null, language.GetProperty("sourceUpdated").ValueKind);
            Assert.Equal(culture == "nl", language.GetProperty("humanReviewed").GetBoolean());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", item.Str("updated"));

            var links = item.GetProperty("links");
            Assert.StartsWith($"/api/v1/{culture}/", links.Str("self"));
            Assert.StartsWith($"/{culture}/", links.Str("page"));
            var alternates = links.GetProperty("alternates").EnumerateArray().ToList();
            Assert.Equal(Cultures, alternates.Select(a => a.Str("culture")));
            Assert.All(alternates, a => Assert.StartsWith($"/api/v1/{a.Str("culture")}/", a.Str("self")));
            Assert.Contains(alternates, a => a.Str("self") == links.Str("self"));
        }

        var (_, kind, key) = Endpoints.Single(e => e.Path == path);
        if (kind is { } k)
        {
            Assert.Equal(url, json.GetProperty("links").Str("self"));
            var title = await app.WithDbAsync((db, _) => db.ContentTranslations
                .Where(t => t.Kind == k && t.Item.Key == key && t.Culture == culture).Select(t => t.PublishedRevision!.Title).SingleAsync());
            Assert.Equal(title, json.Str("title"));
        }
    }

    [Fact]
    public async Task EveryLinkInAListLeadsToTheItemAndItsReaderPage()
    {
        using var client = app.CreateReaderClient();
        foreach (var list in new[] { "countries", "support-points", "stories", "pages" })
        {
            foreach (var item in (await client.GetJsonAsync($"/api/v1/fr/{list}")).GetProperty("items").EnumerateArray())
            {
                var links = item.GetProperty("links");
                var detail = await client.GetJsonAsync(links.Str("self"));
                Assert.Equal(item.Str("title"), detail.Str("title"));
                using var page = await client.GetAsync(links.Str("page"));
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                foreach (var alternate in links.GetProperty("alternates").EnumerateArray())
                    Assert.Equal(alternate.Str("culture"), (await client.GetJsonAsync(alternate.Str("self"))).GetProperty("language").Str("served"));
            }
        }
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("ar")]
    public async Task ACountryHasItsGuideSectionsSourcesSafetySummaryAndStories(string culture)
    {
        using var client = app.CreateReaderClient();
        var iraq = await client.GetJsonAsync($"/api/v1/{culture}/countries/iraq");
        Assert.Equal("IQ", iraq.Str("countryCode"));
        Assert.Equal("2026-11-28", iraq.Str("reviewed"));
        Assert.Equal("2027-02-28", iraq.Str("nextReview"));

        var sections = iraq.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(8, sections.Count);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"section-{i}"), sections.Select(s => s.Str("id")));
        Assert.All(sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Str("heading"))));
        Assert.All(sections, s => Assert.StartsWith("<p>", s.Str("html")));
        Assert.All(sections, s => Assert.DoesNotContain("<h2", s.Str("html")));
        Assert.StartsWith("<p>", iraq.Str("introHtml"));
        Assert.NotEmpty(iraq.GetProperty("sources").EnumerateArray());

        var safety = iraq.GetProperty("safety");
        foreach (var dimension in new[] { "legal", "physical", "material" })
            Assert.Equal("individual", safety.GetProperty(dimension).Str("level"));
        Assert.Equal("2026-11-28", safety.Str("effective"));
        Assert.Equal($"/api/v1/{culture}/countries/iraq/safety", safety.GetProperty("links").Str("self"));
        Assert.Equal(culture, safety.GetProperty("language").Str("served"));

        var story = Assert.Single(iraq.GetProperty("stories").EnumerateArray());
        Assert.Equal("mazan", story.Str("key"));
        Assert.Equal($"/api/v1/{culture}/stories/mazan", story.GetProperty("links").Str("self"));

        Assert.Empty((await client.GetJsonAsync($"/api/v1/{culture}/countries/guinea")).GetProperty("stories").EnumerateArray());
    }

    [Fact]
    public async Task ACountryOnACacheMissSendsAtMostTwoSqlCommandsAndNoneOnAHit()
    {
        var counter = app.Services.GetRequiredService<DbCommandCounter>();
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();

        var before = counter.Count;
        (await client.GetAsync("/api/v1/fa/countries/iraq")).EnsureSuccessStatusCode();
        Assert.InRange(counter.Count - before, 1, 2);

        before = counter.Count;
        (await client.GetAsync("/api/v1/fa/countries/iraq")).EnsureSuccessStatusCode();
        Assert.Equal(0, counter.Count - before);
    }

    [Theory]
    [InlineData("en", "First publication on this portal.")]
    [InlineData("nl", "Eerste publicatie op dit portaal.")]
    public async Task ASafetyAssessmentHasItsDimensionsAndItsHistoryInTheRequestedLanguage(string culture, string note)
    {
        using var client = app.CreateReaderClient();
        var safety = await client.GetJsonAsync($"/api/v1/{culture}/countries/guinea/safety");
        Assert.Equal("GN", safety.Str("countryCode"));
        foreach (var dimension in new[] { "legal", "physical", "material" })
        {
            Assert.Equal("individual", safety.GetProperty(dimension).Str("level"));
            Assert.False(string.IsNullOrWhiteSpace(safety.GetProperty(dimension).Str("explanation")));
        }
        Assert.Equal("2027-02-28", safety.Str("nextReview"));
        var change = Assert.Single(safety.GetProperty("history").EnumerateArray());
        Assert.Equal("2026-11-28", change.Str("date"));
        Assert.Equal(note, change.Str("note"));
        Assert.Equal(culture, change.Str("noteCulture"));
        Assert.Equal($"/api/v1/{culture}/countries/guinea", safety.GetProperty("country").GetProperty("links").Str("self"));
        Assert.Equal($"/{culture}/countries/guinea/safety", safety.GetProperty("links").Str("page"));
    }

    [Fact]
    public async Task ArabicTextIsSentAndStoredAsLettersNotAsEscapes()
    {
        using var client = app.CreateReaderClient();
        var raw = await client.GetStringAsync("/api/v1/ar/support-points/leiden");
        Assert.Contains("\"ليدن\"", raw); // the city's name in Arabic, as the reader's script, in the raw JSON
        Assert.DoesNotContain("\\u06", raw);

        var stored = await app.WithDbAsync(async (db, _) => await db.Database.SqlQueryRaw<string>(
            """SELECT r."Fields" AS "Value" FROM "ContentRevisions" r JOIN "ContentTranslations" t ON t."PublishedRevisionId" = r."Id" JOIN "ContentItems" i ON i."Id" = t."ContentItemId" WHERE i."Key" = 'leiden' AND t."Culture" = 'ar'""").ToListAsync());
        Assert.Contains("ليدن", Assert.Single(stored));
    }

    [Fact]
    public async Task SupportPointsFilterByCityAndCarryTelLinksAndContactCards()
    {
        using var client = app.CreateReaderClient();
        var all = await client.GetJsonAsync("/api/v1/en/support-points");
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
        Assert.Equal(["Den Haag", "Leiden", "Rotterdam"], all.GetProperty("cities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("city").ValueKind);

        foreach (var city in new[] { "Leiden", "leiden", " Leiden " })
        {
            var leiden = await client.GetJsonAsync($"/api/v1/en/support-points?city={Uri.EscapeDataString(city)}");
            Assert.Equal("Leiden", leiden.Str("city").Trim(), ignoreCase: true);
            var point = Assert.Single(leiden.GetProperty("items").EnumerateArray());
            Assert.Equal("tel:+31715133088", point.Str("tel"));
            Assert.Equal("2312 HG", point.Str("postcode"));
            Assert.Equal("mbakker@vluchtelingenwerk.nl", point.GetProperty("counsellors")[0].Str("email"));
            Assert.Equal("/en/support-points/leiden.vcf", point.Str("contactCard"));
            Assert.Equal("/en/support-points#leiden", point.GetProperty("links").Str("page"));
        }

        var none = await client.GetJsonAsync("/api/v1/en/support-points?city=Utrecht");
        Assert.Empty(none.GetProperty("items").EnumerateArray());
        Assert.Equal(3, none.GetProperty("cities").GetArrayLength());
    }

    [Fact]
    public async Task AStoryHasItsPersonConsentDateAndCountry()
    {
        using var client = app.CreateReaderClient();
        var story = await client.GetJsonAsync("/api/v1/fa/stories/mazan");
        Assert.Equal("Mazan", story.Str("name"));
        Assert.Equal(42, story.GetProperty("age").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, story.GetProperty("consentRecorded").ValueKind); // on record, date unknown: none is invented
        Assert.Equal("/api/v1/fa/countries/iraq", story.GetProperty("country").GetProperty("links").Str("self"));
        Assert.Contains("Mazan", story.Str("bodyHtml"));
        Assert.Equal(["mazan"], (await client.GetJsonAsync("/api/v1/fa/stories")).GetProperty("items").EnumerateArray().Select(s => s.Str("key")));
    }

    [Theory]
    [InlineData("/api/v1/xx/countries")]
    [InlineData("/api/v1/EN/countries/guinea")]
    [InlineData("/api/v1/nl-BE/countries/guinea/safety")]
    [InlineData("/api/v1/xx/support-points?city=Leiden")]
    [InlineData("/api/v1/xx/support-points/leiden")]
    [InlineData("/api/v1/xx/stories")]
    [InlineData("/api/v1/xx/stories/mazan")]
    [InlineData("/api/v1/xx/pages")]
    [InlineData("/api/v1/%3Cscript%3E/pages/about")]
    public async Task AnUnknownLanguageIsA400ProblemNeverA500(string url)
    {
        using var client = app.CreateReaderClient();
        using var response = await client.GetAsync(url);
        var problem = await ApiResponses.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(Cultures, problem.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
    }

    [Theory]
    [InlineData("/api/v1/en/countries/atlantis")]
    [InlineData("/api/v1/en/countries/atlantis/safety")]
    [InlineData("/api/v1/en/countries/guinea-safety")]
    [InlineData("/api/v1/fr/support-points/utrecht")]
    [InlineData("/api/v1/fr/stories/nobody")]
    [InlineData("/api/v1/ar/pages/nowhere")]
    [InlineData("/api/v1/ar/pages/guinea")]
    [InlineData("/api/v1/nl/unknown")]
    [InlineData("/api/v1/nl/countries/guinea/unknown")]
    [InlineData("/api/v2/languages")]
    public async Task AnUnknownItemOrEndpointIsA404ProblemNotTheHtmlPage(string url)
    {
        using var client = app.CreateReaderClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html"); // even a browser gets problem details from the API
        using var response = await client.SendAsync(request);
        if (url.StartsWith("/api/v2", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // outside the API: the reader site's 404
            return;
        }
        await ApiResponses.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/v1/en/countries/%E2%80%AEguinea")]
    [InlineData("/api/v1/en/countries/..%2F..%2Fetc")]
    [InlineData("/api/v1/en/stories/%FF%FE")]
    [InlineData("/api/v1/en/support-points?city=%00")]
    [InlineData("/api/v1/en/support-points?city=a&city=b")]
    [InlineData("/api/v1/changes?since=%FF")]
    [InlineData("/api/v1/changes?since=a&since=b")]
    [InlineData("/api/v1/changes?limit=99999999999999999999")]
    public async Task BadInputIsAProblemNeverA500(string url)
    {
        using var client = app.CreateReaderClient();
        using var response = await client.GetAsync(url);
        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AVeryLongSlugIsA404()
    {
        using var client = app.CreateReaderClient();
        await ApiResponses.AssertProblemAsync(await client.GetAsync("/api/v1/en/countries/" + new string('a', 4000)), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task WritesAreRefusedWith405Problem(string method)
    {
        using var client = app.CreateReaderClient();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/en/countries/guinea"));
        await ApiResponses.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task CacheKeysKeepTheCaseOfThePath()
    {
        using var client = app.CreateReaderClient();
        (await client.GetAsync("/api/v1/en/countries/guinea")).EnsureSuccessStatusCode(); // now in the output cache
        await ApiResponses.AssertProblemAsync(await client.GetAsync("/api/v1/EN/countries/guinea"), HttpStatusCode.BadRequest);
        await ApiResponses.AssertProblemAsync(await client.GetAsync("/api/v1/en/countries/GUINEA"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ResponsesCarryAStrongETagOfTheirBytesLastModifiedAndAShortCacheControl()
    {
        using var client = app.CreateReaderClient();
        using var response = await client.GetAsync("/api/v1/en/countries/guinea");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal($"\"{Base64Url.EncodeToString(SHA256.HashData(body))}\"", response.Headers.ETag!.Tag);
        Assert.False(response.Headers.ETag.IsWeak);
        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), cacheControl.MaxAge);
        Assert.Contains(cacheControl.Extensions, e => e.Name == "stale-while-revalidate" && e.Value == "60");
        var published = await app.WithDbAsync((db, _) => db.ContentTranslations.Where(t => t.Item.CountryCode == "GN" && (t.Culture == "en" || t.Culture == "nl"))
            .Select(t => t.PublishedAt).ToListAsync());
        var newest = published.Max()!.Value;
        Assert.Equal(newest.ToUnixTimeSeconds(), response.Content.Headers.LastModified!.Value.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("/api/v1/en/countries/guinea")]
    [InlineData("/api/v1/ckb/support-points?city=Leiden")]
    [InlineData("/api/v1/languages")]
    [InlineData("/api/v1/changes")]
    [InlineData("/fr/feed.atom")]
    [InlineData("/fr/countries/iraq/feed.atom")]
    public async Task AnETagRoundTripGives304FromTheEndpointAndFromTheOutputCache(string url)
    {
        var counter = app.Services.GetRequiredService<DbCommandCounter>();
        using var client = app.CreateReaderClient();
        await app.EvictReaderCacheAsync();
        using var first = await client.GetAsync(url);
        var etag = first.Headers.ETag!;

        // A miss: the endpoint runs and compares the tag itself.
        await app.EvictReaderCacheAsync();
        using (var miss = await SendAsync(client, url, r => r.Headers.IfNoneMatch.Add(etag)))
        {
            Assert.Equal(HttpStatusCode.NotModified, miss.StatusCode);
            Assert.Equal(etag, miss.Headers.ETag);
            Assert.Empty(await miss.Content.ReadAsByteArrayAsync());
        }

        // Cached again by a plain GET; now the output cache answers the conditional request without a query.
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var before = counter.Count;
        using (var hit = await SendAsync(client, url, r => r.Headers.IfNoneMatch.Add(etag)))
        {
            Assert.Equal(HttpStatusCode.NotModified, hit.StatusCode);
            Assert.Equal(etag, hit.Headers.ETag);
        }
        Assert.Equal(0, counter.Count - before);

        using var other = await SendAsync(client, url, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"")));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ABrotliResponseHasItsOwnStrongETagAndAlsoRoundTrips()
    {
        using var client = app.CreateReaderClient();
        const string url = "/api/v1/ar/countries/iraq";
        await app.EvictReaderCacheAsync();
        using var plain = await client.GetAsync(url);
        using var br = await SendAsync(client, url, r => r.Headers.AcceptEncoding.ParseAdd("br"));
        Assert.Equal("br", Assert.Single(br.Content.Headers.ContentEncoding));
        Assert.False(br.Headers.ETag!.IsWeak);
        Assert.NotEqual(plain.Headers.ETag, br.Headers.ETag);

        // The same JSON underneath.
        await using var decoded = new BrotliStream(await br.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await decoded.CopyToAsync(copy);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), copy.ToArray());

        await app.EvictReaderCacheAsync();
        foreach (var _ in new[] { "miss", "hit" })
        {
            using var again = await SendAsync(client, url, r =>
            {
                r.Headers.AcceptEncoding.ParseAdd("br");
                r.Headers.IfNoneMatch.Add(br.Headers.ETag!);
            });
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            (await SendAsync(client, url, r => r.Headers.AcceptEncoding.ParseAdd("br"))).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task HeadAnswersWithTheHeadersOfGetAndNoBody()
    {
        using var client = app.CreateReaderClient();
        using var get = await client.GetAsync("/api/v1/nl/pages/about");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/nl/pages/about"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/v1/fr/countries")]
    [InlineData("/api/v1/changes")]
    [InlineData("/fr/feed.atom")]
    [InlineData("/openapi/v1.json")]
    public async Task AnyOriginMayReadButNotWrite(string url)
    {
        using var client = app.CreateReaderClient();
        using var get = await SendAsync(client, url, r => r.Headers.Add("Origin", "https://mirror.example"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("*", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(get.Headers.Contains("Access-Control-Allow-Credentials"));
        if (!url.StartsWith("/openapi", StringComparison.Ordinal))
            Assert.Contains("ETag", get.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        // Served from the output cache this time: still with its CORS header.
        using var cached = await SendAsync(client, url, r => r.Headers.Add("Origin", "https://other.example"));
        Assert.Equal("*", cached.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var preflight = await SendAsync(client, url, r =>
        {
            r.Method = HttpMethod.Options;
            r.Headers.Add("Origin", "https://mirror.example");
            r.Headers.Add("Access-Control-Request-Method", "GET");
            r.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        });
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("GET,HEAD", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());

        using var write = await SendAsync(client, url, r =>
        {
            r.Method = HttpMethod.Options;
            r.Headers.Add("Origin", "https://mirror.example");
            r.Headers.Add("Access-Control-Request-Method", "POST");
        });
        Assert.False(write.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpointItsParametersAndResponseShapes()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");

        // Every endpoint the app maps for the API and feeds, read from its own routing table.
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointGroupNameMetadata>()?.EndpointGroupName == "v1"
                && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet();
        string[] expected =
        [
            "/api/v1/languages", "/api/v1/changes",
            "/api/v1/{culture}/countries", "/api/v1/{culture}/countries/{slug}", "/api/v1/{culture}/countries/{slug}/safety",
            "/api/v1/{culture}/support-points", "/api/v1/{culture}/support-points/{slug}",
            "/api/v1/{culture}/stories", "/api/v1/{culture}/stories/{slug}",
            "/api/v1/{culture}/pages", "/api/v1/{culture}/pages/{slug}",
            "/{culture}/feed.atom", "/{culture}/countries/{slug}/feed.atom",
        ];
        Assert.Equal(expected.Order(), mapped.Order());
        Assert.Equal(expected.Order(), paths.EnumerateObject().Select(p => p.Name).Order());

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        foreach (var path in paths.EnumerateObject())
        {
            var get = path.Value.GetProperty("get");
            Assert.Equal(["get"], path.Value.EnumerateObject().Select(o => o.Name)); // HEAD is served but not listed twice
            Assert.False(string.IsNullOrEmpty(get.Str("operationId")));
            Assert.False(string.IsNullOrEmpty(get.Str("summary")));
            Assert.NotEmpty(get.GetProperty("tags").EnumerateArray());

            var parameters = get.GetProperty("parameters").EnumerateArray().ToList();
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(path.Name, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
            {
                var p = Assert.Single(parameters, p => p.Str("name") == name);
                Assert.Equal("path", p.Str("in"));
                Assert.False(string.IsNullOrEmpty(p.Str("description")), $"{path.Name}: {name} has no description");
            }
            Assert.Contains(parameters, p => p.Str("name") == "If-None-Match" && p.Str("in") == "header");

            var responses = get.GetProperty("responses");
            Assert.True(responses.TryGetProperty("304", out _), path.Name);
            var ok = responses.GetProperty("200");
            Assert.True(ok.GetProperty("headers").TryGetProperty("ETag", out _));
            var content = ok.GetProperty("content");
            if (path.Name.EndsWith(".atom", StringComparison.Ordinal))
            {
                Assert.True(content.TryGetProperty("application/atom+xml", out _));
            }
            else
            {
                var reference = content.GetProperty("application/json").GetProperty("schema").Str("$ref");
                var shape = schemas.GetProperty(reference.Split('/').Last());
                Assert.NotEmpty(shape.GetProperty("properties").EnumerateObject());
            }
            if (path.Name.Contains("{culture}", StringComparison.Ordinal) || path.Name.EndsWith("/changes", StringComparison.Ordinal))
                Assert.True(responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _), path.Name);
            if (path.Name.Contains("{slug}", StringComparison.Ordinal))
                Assert.True(responses.TryGetProperty("404", out _), path.Name);
        }

        // The language statement every item carries, and the enums as the words the API sends.
        Assert.Equal(["humanReviewed", "outdated", "requested", "served", "sourceUpdated", "translationMissing"],
            schemas.GetProperty("LanguageStatusDto").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["individual", "low", "elevated", "high"], schemas.GetProperty("SafetyLevel").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.False(schemas.GetProperty("CountryDto").GetProperty("properties").TryGetProperty("lastModified", out _));
    }

    [Fact]
    public async Task TheReferencePageListsEveryEndpointWithoutScriptOrThirdParties()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetJsonAsync("/openapi/v1.json");
        using var response = await client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        var page = await Html.GetDocumentAsync(response);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(page.QuerySelectorAll("script, iframe, img"));
        Assert.All(page.QuerySelectorAll("link[href]"), l => Assert.StartsWith("/", l.GetAttribute("href")));
        Assert.Contains(page.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href") == "/css/site.css");
        var headings = page.QuerySelectorAll("section h2 code").Select(c => c.TextContent).ToList();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            Assert.Contains($"GET {path.Name}", headings);
        Assert.All(page.QuerySelectorAll("a[href^='#']"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        Assert.NotNull(page.GetElementById("schema-CountryDto"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return await client.SendAsync(request);
    }
}

// Both providers: it changes translations and reads the flags back.
/// <summary>Fallback and outdated flags: each test changes the database, so each gets a freshly seeded app.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ContentApiTranslationStateTests : IDisposable
{
    private readonly PortalApplication app = new();
    private readonly ScratchContent content = new();

    [Fact]
    public async Task AMissingTranslationIsServedInTheSourceLanguageAndSaysSo()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            var fr = await db.ContentTranslations.SingleAsync(t => t.Culture == "fr" && t.Item.Key == "guinea" && t.Kind == ContentKind.CountryGuide);
            fr.PublishedRevisionId = null; // as if never translated
            return await db.SaveChangesAsync();
        });
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();

        var guinea = await client.GetJsonAsync("/api/v1/fr/countries/guinea");
        var language = guinea.GetProperty("language");
        Assert.Equal("fr", language.Str("requested"));
        Assert.Equal("nl", language.Str("served"));
        Assert.True(language.GetProperty("translationMissing").GetBoolean());
        Assert.False(language.GetProperty("outdated").GetBoolean());
        Assert.True(language.GetProperty("humanReviewed").GetBoolean()); // the Dutch source is
        Assert.Equal("Guinee", guinea.Str("title"));
        Assert.Equal("/api/v1/fr/countries/guinea", guinea.GetProperty("links").Str("self"));
        Assert.DoesNotContain("fr", guinea.GetProperty("links").GetProperty("alternates").EnumerateArray().Select(a => a.Str("culture")));

        // The safety summary inside it is still translated: each text says its own language.
        Assert.Equal("fr", guinea.GetProperty("safety").GetProperty("language").Str("served"));

        var list = await client.GetJsonAsync("/api/v1/fr/countries");
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.Str("key") == "guinea");
        Assert.True(item.GetProperty("language").GetProperty("translationMissing").GetBoolean());
        Assert.False(list.GetProperty("items").EnumerateArray().Single(i => i.Str("key") == "iraq").GetProperty("language").GetProperty("translationMissing").GetBoolean());

        // The source language itself never falls back.
        Assert.False((await client.GetJsonAsync("/api/v1/nl/countries/guinea")).GetProperty("language").GetProperty("translationMissing").GetBoolean());
    }

    [Fact]
    public async Task AFailureOnOurSideIsA500ProblemForApiClientsAndTheHtmlErrorPageForReaders()
    {
        await app.WithDbAsync((db, _) =>
        {
            // The model's table name, quoted as each provider wants it (PostgreSQL folds an unquoted name to lower case).
            var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(db.Model.FindEntityType(typeof(ContentPublication))!.GetTableName()!);
            var drop = $"DROP TABLE {table}" + (db.Database.IsNpgsql() ? " CASCADE" : ""); // webhook deliveries point at it; PostgreSQL holds to that
            return db.Database.ExecuteSqlRawAsync(drop);
        });
        await app.EvictReaderCacheAsync();
        using var client = app.CreateReaderClient();
        foreach (var url in new[] { "/api/v1/changes", "/en/feed.atom", "/api/v1/en/countries/guinea/safety" })
        {
            using var response = await client.GetAsync(url);
            var problem = await ApiResponses.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
            Assert.DoesNotContain("ContentPublications", problem.ToString()); // nothing about the failure leaks
        }
        using var page = await client.GetAsync("/en/countries/guinea/safety");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AMajorSourceUpdateMarksTranslationsOutdatedWithTheDateTheSourceChanged()
    {
        using var client = app.CreateReaderClient();
        using var before = await client.GetAsync("/api/v1/en/pages/options");
        var oldTag = before.Headers.ETag!;

        content.Edit("pages/options.nl.md", t => t.Replace("updated: 2026-11-28", "updated: 2026-12-01").Replace("Eerste publicatie op dit portaal.", "Nieuwe informatie over procedures."));
        await content.ImportAsync(app);

        foreach (var url in new[] { "/api/v1/en/pages/options", "/api/v1/ckb/pages/options" })
        {
            var options = await client.GetJsonAsync(url);
            var language = options.GetProperty("language");
            Assert.Equal(url.Split('/')[3], language.Str("served"));
            Assert.False(language.GetProperty("translationMissing").GetBoolean());
            Assert.True(language.GetProperty("outdated").GetBoolean());
            Assert.Equal("2026-12-01", language.Str("sourceUpdated"));
        }
        var listed = (await client.GetJsonAsync("/api/v1/en/pages")).GetProperty("items").EnumerateArray().Single(p => p.Str("key") == "options");
        Assert.True(listed.GetProperty("language").GetProperty("outdated").GetBoolean());

        var nl = (await client.GetJsonAsync("/api/v1/nl/pages/options")).GetProperty("language");
        Assert.False(nl.GetProperty("outdated").GetBoolean());
        Assert.Equal("2026-12-01", (await client.GetJsonAsync("/api/v1/nl/pages/options")).Str("updated"));

        // The import evicted the cache: the old ETag no longer matches.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/en/pages/options");
        request.Headers.IfNoneMatch.Add(oldTag);
        using var after = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(oldTag, after.Headers.ETag);
    }

    public void Dispose()
    {
        app.Dispose();
        content.Dispose();
    }
}
