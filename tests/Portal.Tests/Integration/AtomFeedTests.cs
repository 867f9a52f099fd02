using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the feeds are queried from the app's database (ordering, dates).
/// <summary>The Atom feeds (RFC 4287): valid, with stable unique ids, in the feed's language, and linked from the pages.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class AtomFeedTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    internal static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static TheoryData<string> Cultures() => ConfiguredCultures.Theory(ConfiguredCultures.All);

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task TheSiteFeedIsValidAtomWithEveryMajorUpdateInTheFeedsLanguage(string culture)
    {
        using var client = app.CreateReaderClient();
        var feed = await GetFeedAsync(client, $"/{culture}/feed.atom");
        AssertValidAtom(feed, culture, $"/{culture}/feed.atom");

        // The seed: every item once (its first publication), titled and noted in this language.
        var expected = await app.WithDbAsync((db, _) => db.ContentRevisions
            .Where(r => r.Translation.Culture == culture && r.Number == 1)
            .Select(r => new { r.Translation.Item.Key, r.Translation.Kind, r.Title, r.ChangeNote })
            .ToListAsync());
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(14, entries.Count);
        Assert.Equal(expected.Select(e => e.Title).Order(), entries.Select(e => e.Element(Atom + "title")!.Value).Order());
        Assert.All(entries, e => Assert.Equal(expected.Select(x => x.ChangeNote).Distinct().Single(), e.Element(Atom + "content")!.Value));
        Assert.All(entries, e => Assert.Null(e.Element(Atom + "content")!.Attribute(XNamespace.Xml + "lang"))); // translated: no other language marked
        Assert.Equal(
            ["country-guide", "country-guide", "page", "page", "page", "page", "page", "page", "safety-assessment", "safety-assessment", "story", "support-point", "support-point", "support-point"],
            entries.Select(e => e.Element(Atom + "category")!.Attribute("term")!.Value).Order());
        Assert.Contains(entries, e => Alternate(e).EndsWith($"/{culture}/countries/iraq/safety", StringComparison.Ordinal));
        Assert.Contains(entries, e => Alternate(e).EndsWith($"/{culture}/support-points#leiden", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", "First publication on this portal.")]
    [InlineData("nl", "Eerste publicatie op dit portaal.")]
    [InlineData("fr", null)]
    [InlineData("ar", null)]
    public async Task ACountryFeedHasItsGuideAndSafetyUpdatesWithTheirChangeNotes(string culture, string? note)
    {
        using var client = app.CreateReaderClient();
        var feed = await GetFeedAsync(client, $"/{culture}/countries/guinea/feed.atom");
        AssertValidAtom(feed, culture, $"/{culture}/countries/guinea/feed.atom");
        Assert.EndsWith($"/{culture}/countries/guinea", feed.Root!.Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == "alternate").Attribute("href")!.Value);

        var entries = feed.Root.Elements(Atom + "entry").ToList();
        Assert.Equal(["country-guide", "safety-assessment"], entries.Select(e => e.Element(Atom + "category")!.Attribute("term")!.Value).Order());
        Assert.Equal([$"/{culture}/countries/guinea", $"/{culture}/countries/guinea/safety"], entries.Select(e => new Uri(Alternate(e)).AbsolutePath).Order());
        if (note is not null) Assert.All(entries, e => Assert.Equal(note, e.Element(Atom + "content")!.Value));

        // The same entries have the same ids in the site feed.
        var site = await GetFeedAsync(client, $"/{culture}/feed.atom");
        var siteIds = site.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToHashSet();
        Assert.All(entries, e => Assert.Contains(e.Element(Atom + "id")!.Value, siteIds));
    }

    [Fact]
    public async Task IdsAreStableAcrossRebuildsAndDifferPerLanguage()
    {
        using var client = app.CreateReaderClient();
        var first = Ids(await GetFeedAsync(client, "/fa/feed.atom"));
        await app.EvictReaderCacheAsync();
        var again = Ids(await GetFeedAsync(client, "/fa/feed.atom"));
        Assert.Equal(first, again);
        var english = Ids(await GetFeedAsync(client, "/en/feed.atom"));
        Assert.Empty(first.Intersect(english));
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/ar/support-points")]
    [InlineData("/fr/about")]
    [InlineData("/nl/no-such-page")]
    public async Task EveryPageLinksTheSiteFeedOfItsLanguage(string url)
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync(url);
        var culture = url.Split('/')[1];
        var link = Assert.Single(doc.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']"));
        Assert.Equal($"/{culture}/feed.atom", new Uri(link.GetAttribute("href")!).AbsolutePath);
        Assert.False(string.IsNullOrEmpty(link.GetAttribute("title")));
        AssertValidAtom(await GetFeedAsync(client, link.GetAttribute("href")!), culture, $"/{culture}/feed.atom");
    }

    [Theory]
    [InlineData("/fr/countries/iraq")]
    [InlineData("/fr/countries/iraq/safety")]
    public async Task ACountryPageLinksItsCountryFeedAsWell(string url)
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync(url);
        var feeds = doc.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").Select(l => new Uri(l.GetAttribute("href")!).AbsolutePath).ToList();
        Assert.Equal(["/fr/countries/iraq/feed.atom", "/fr/feed.atom"], feeds.Order());
        var country = await GetFeedAsync(client, "/fr/countries/iraq/feed.atom");
        Assert.Equal(2, country.Root!.Elements(Atom + "entry").Count());
    }

    [Fact]
    public async Task UnknownLanguageOrCountryFeedsAreProblemsNotHtml()
    {
        using var client = app.CreateReaderClient();
        await ApiResponses.AssertProblemAsync(await client.GetAsync("/xx/feed.atom"), HttpStatusCode.BadRequest);
        await ApiResponses.AssertProblemAsync(await client.GetAsync("/xx/countries/guinea/feed.atom"), HttpStatusCode.BadRequest);
        await ApiResponses.AssertProblemAsync(await client.GetAsync("/en/countries/atlantis/feed.atom"), HttpStatusCode.NotFound);
    }

    internal static async Task<XDocument> GetFeedAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<string> Ids(XDocument feed) => feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();

    private static string Alternate(XElement entry)
        => entry.Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == "alternate").Attribute("href")!.Value;

    /// <summary>RFC 4287's requirements of a feed and its entries, as far as a feed reader relies on them.</summary>
    internal static void AssertValidAtom(XDocument feed, string culture, string selfPath)
    {
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Equal(culture, root.Attribute(XNamespace.Xml + "lang")!.Value);
        AssertOne(root, "id", IsUrnUuid);
        AssertOne(root, "title", v => v.Length > 0);
        var updated = AssertOne(root, "updated", IsRfc3339);
        Assert.NotEmpty(Assert.Single(root.Elements(Atom + "author")).Element(Atom + "name")!.Value);

        var self = Assert.Single(root.Elements(Atom + "link"), l => l.Attribute("rel")?.Value == "self");
        Assert.Equal("application/atom+xml", self.Attribute("type")!.Value);
        Assert.Equal(selfPath, new Uri(self.Attribute("href")!.Value).AbsolutePath);
        Assert.Single(root.Elements(Atom + "link"), l => l.Attribute("rel")?.Value == "alternate" && l.Attribute("type")?.Value == "text/html");

        var entries = root.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            AssertOne(entry, "id", IsUrnUuid);
            AssertOne(entry, "title", v => v.Length > 0);
            var entryUpdated = AssertOne(entry, "updated", IsRfc3339);
            Assert.True(Parse(entryUpdated) <= Parse(updated), "an entry is newer than its feed");
            AssertOne(entry, "published", IsRfc3339);
            AssertOne(entry, "content", v => v.Length > 0);
            var alternate = Assert.Single(entry.Elements(Atom + "link"), l => l.Attribute("rel")?.Value == "alternate");
            Assert.True(Uri.IsWellFormedUriString(alternate.Attribute("href")!.Value, UriKind.Absolute));
            foreach (var text in new[] { "title", "content" })
                Assert.Equal("text", entry.Element(Atom + text)!.Attribute("type")!.Value);
        }
        var ids = entries.Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(entries.Select(e => Parse(e.Element(Atom + "updated")!.Value)).OrderByDescending(d => d), entries.Select(e => Parse(e.Element(Atom + "updated")!.Value)));
    }

    private static string AssertOne(XElement parent, string name, Func<string, bool> valid)
    {
        var element = Assert.Single(parent.Elements(Atom + name));
        Assert.True(valid(element.Value), $"<{name}>{element.Value}</{name}>");
        return element.Value;
    }

    // A name-based (version 5) UUID URN.
    private static bool IsUrnUuid(string v) => Regex.IsMatch(v, "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

    private static bool IsRfc3339(string v) => Regex.IsMatch(v, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$");

    private static DateTimeOffset Parse(string v) => DateTimeOffset.Parse(v, CultureInfo.InvariantCulture);
}

// Both providers: it writes a major update and reads it back through the feeds.
/// <summary>A major update after the seed: it appears in the feeds, with the source's note until the translation has its own.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class AtomFeedUpdateTests : IDisposable
{
    private readonly PortalApplication app = new();
    private readonly ScratchContent content = new();

    [Fact]
    public async Task AMajorSafetyUpdateAppearsWithTheSourceNoteMarkedUntilItsTranslationBringsItsOwn()
    {
        using var client = app.CreateReaderClient();
        var before = await AtomFeedTests.GetFeedAsync(client, "/en/countries/guinea/feed.atom");

        content.Edit("safety/guinea-safety.nl.md", t => t
            .Replace("updated: 2026-11-28", "updated: 2026-12-05")
            .Replace("change_note: Eerste publicatie op dit portaal.", "change_note: Juridische veiligheid opnieuw beoordeeld."));
        await content.ImportAsync(app);

        var feed = await AtomFeedTests.GetFeedAsync(client, "/en/countries/guinea/feed.atom");
        AtomFeedTests.AssertValidAtom(feed, "en", "/en/countries/guinea/feed.atom");
        var entries = feed.Root!.Elements(AtomFeedTests.Atom + "entry").ToList();
        Assert.Equal(3, entries.Count);
        var newest = entries[0];
        var note = newest.Element(AtomFeedTests.Atom + "content")!;
        Assert.Equal("Juridische veiligheid opnieuw beoordeeld.", note.Value);
        Assert.Equal("nl", note.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal("Safety on return to Guinea", newest.Element(AtomFeedTests.Atom + "title")!.Value); // the (outdated) English title
        Assert.Null(newest.Element(AtomFeedTests.Atom + "title")!.Attribute(XNamespace.Xml + "lang"));
        // The older entries are untouched.
        var oldIds = before.Root!.Elements(AtomFeedTests.Atom + "entry").Select(e => e.Element(AtomFeedTests.Atom + "id")!.Value);
        Assert.Equal(oldIds.Order(), entries.Skip(1).Select(e => e.Element(AtomFeedTests.Atom + "id")!.Value).Order());
        Assert.Contains(feed.Root.Elements(AtomFeedTests.Atom + "entry"), e => e.Element(AtomFeedTests.Atom + "content")!.Value == "First publication on this portal.");

        var safety = await client.GetJsonAsync("/api/v1/en/countries/guinea/safety");
        Assert.True(safety.GetProperty("language").GetProperty("outdated").GetBoolean());
        Assert.Equal("2026-12-05", safety.GetProperty("language").Str("sourceUpdated"));
        Assert.Equal("nl", safety.GetProperty("history")[0].Str("noteCulture"));

        // The translator catches up: the same entry (same id) now carries the English note.
        content.Edit("safety/guinea-safety.en.md", t => t
            .Replace("updated: 2026-11-28", "updated: 2026-12-05")
            .Replace("translated_from: 1", "translated_from: 2")
            .Replace("change_note: First publication on this portal.", "change_note: Legal safety reassessed."));
        await content.ImportAsync(app);

        var translated = await AtomFeedTests.GetFeedAsync(client, "/en/countries/guinea/feed.atom");
        var entry = translated.Root!.Elements(AtomFeedTests.Atom + "entry").First();
        Assert.Equal(newest.Element(AtomFeedTests.Atom + "id")!.Value, entry.Element(AtomFeedTests.Atom + "id")!.Value);
        Assert.Equal("Legal safety reassessed.", entry.Element(AtomFeedTests.Atom + "content")!.Value);
        Assert.Null(entry.Element(AtomFeedTests.Atom + "content")!.Attribute(XNamespace.Xml + "lang"));
        Assert.True(DateTimeOffset.Parse(entry.Element(AtomFeedTests.Atom + "updated")!.Value, CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse(newest.Element(AtomFeedTests.Atom + "updated")!.Value, CultureInfo.InvariantCulture));

        var site = await AtomFeedTests.GetFeedAsync(client, "/en/feed.atom");
        Assert.Equal("Legal safety reassessed.", site.Root!.Elements(AtomFeedTests.Atom + "entry").First().Element(AtomFeedTests.Atom + "content")!.Value);
        var history = (await client.GetJsonAsync("/api/v1/en/countries/guinea/safety")).GetProperty("history");
        Assert.Equal("Legal safety reassessed.", history[0].Str("note"));
        Assert.Equal("en", history[0].Str("noteCulture"));

        // Other languages still get the Dutch note, marked as such.
        var french = await AtomFeedTests.GetFeedAsync(client, "/fr/countries/guinea/feed.atom");
        Assert.Equal("nl", french.Root!.Elements(AtomFeedTests.Atom + "entry").First().Element(AtomFeedTests.Atom + "content")!.Attribute(XNamespace.Xml + "lang")!.Value);
    }

    public void Dispose()
    {
        app.Dispose();
        content.Dispose();
    }
}
