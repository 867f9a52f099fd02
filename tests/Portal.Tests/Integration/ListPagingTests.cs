using System.Net;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The delivery API's lists in pages, as a client walks them: limit, then the next cursor until hasMore is false; every
/// item once, in the unpaged order; a bad limit or cursor is a 400 problem, never a 500 or a silent first page.
/// </summary>
// Every provider: the lists are read from the database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ListPagingTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    [Theory]
    [InlineData("/api/v1/en/pages", 2)]
    [InlineData("/api/v1/ar/countries", 1)]
    [InlineData("/api/v1/nl/support-points", 2)]
    [InlineData("/api/v1/fa/support-points?region=zuid-holland", 1)]
    [InlineData("/api/v1/fr/stories", 1)]
    public async Task WalkingThePagesGivesEveryItemOnceInOrder(string list, int limit)
    {
        using var client = app.CreateReaderClient();
        var whole = await client.GetJsonAsync(list);
        Assert.False(whole.GetProperty("hasMore").GetBoolean());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("next").ValueKind);
        var expected = Keys(whole);
        Assert.NotEmpty(expected);

        var walked = new List<string>();
        var separator = list.Contains('?') ? '&' : '?';
        var url = $"{list}{separator}limit={limit}";
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages <= expected.Count, "the cursor does not end");
            var page = await client.GetJsonAsync(url);
            var keys = Keys(page);
            Assert.InRange(keys.Count, 1, limit);
            walked.AddRange(keys);
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
                break;
            }
            url = $"{list}{separator}limit={limit}&next={Uri.EscapeDataString(page.Str("next"))}";
        }
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task TheListsDefaultToFiftyItemsAndAcceptAtMostTwoHundred()
    {
        using var client = app.CreateReaderClient();
        var pages = await client.GetJsonAsync("/api/v1/nl/pages?limit=200");
        Assert.Equal(Keys(await client.GetJsonAsync("/api/v1/nl/pages")), Keys(pages));
        using var tooMany = await client.GetAsync("/api/v1/nl/pages?limit=201");
        Assert.Equal("limit", (await ApiResponses.AssertProblemAsync(tooMany, HttpStatusCode.BadRequest)).Str("parameter"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1e3", "limit")]
    [InlineData("limit=99999999999", "limit")]
    [InlineData("next=abc", "next")]
    [InlineData("next=AQAAAARwYXJ0bmVyc8-uT0x", "next")]
    [InlineData("next=%00%01", "next")]
    public async Task ABadLimitOrCursorIsA400Problem(string query, string parameter)
    {
        using var client = app.CreateReaderClient();
        foreach (var list in new[] { "countries", "support-points", "stories", "pages" })
        {
            using var response = await client.GetAsync($"/api/v1/en/{list}?{query}");
            Assert.Equal(parameter, (await ApiResponses.AssertProblemAsync(response, HttpStatusCode.BadRequest)).Str("parameter"));
        }
    }

    [Fact]
    public async Task ACutCursorIsRefusedNotReadAsAnotherPosition()
    {
        using var client = app.CreateReaderClient();
        var cursor = (await client.GetJsonAsync("/api/v1/en/pages?limit=1")).Str("next");
        for (var cut = 1; cut < cursor.Length; cut += 3)
        {
            using var response = await client.GetAsync($"/api/v1/en/pages?next={Uri.EscapeDataString(cursor[..cut])}");
            await ApiResponses.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task AnAlteredCursorIsRefusedNotReadAsAnotherPosition()
    {
        using var client = app.CreateReaderClient();
        var cursor = (await client.GetJsonAsync("/api/v1/en/pages?limit=1")).Str("next");
        for (var at = 0; at < cursor.Length - 1; at += 4) // not the last character, whose low bits may be padding
        {
            var altered = cursor[..at] + (cursor[at] == 'A' ? 'B' : 'A') + cursor[(at + 1)..];
            using var response = await client.GetAsync($"/api/v1/en/pages?next={Uri.EscapeDataString(altered)}");
            Assert.Equal("next", (await ApiResponses.AssertProblemAsync(response, HttpStatusCode.BadRequest)).Str("parameter"));
        }
    }

    [Theory]
    [InlineData("/api/v1/nl/countries", "GET, HEAD, OPTIONS")]
    [InlineData("/api/v1/changes", "GET, HEAD, OPTIONS")]
    [InlineData("/nl/feed.atom", "GET, HEAD, OPTIONS")]
    [InlineData("/sitemap.xml", "GET, HEAD, OPTIONS")]
    [InlineData("/nl/support-points/leiden.vcf", "GET, HEAD, OPTIONS")]
    [InlineData("/openapi/manage.json", "GET, OPTIONS")]
    [InlineData("/api/v1/manage/items/page/about", "GET, DELETE, OPTIONS")]
    [InlineData("/api/v1/manage/items/page/about/nl/draft", "PUT, OPTIONS")]
    public async Task OptionsOnAnApiEndpointAnswers204WithAllow(string url, string allow)
    {
        using var client = app.CreateReaderClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, url));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    private static List<string> Keys(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.Str("key")).ToList();
}
