using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: every page is a database query (slugs, fallbacks, ordering).
/// <summary>Every reader page type in every language, as a reader's browser receives it.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ReaderPagesTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    private static IReadOnlyList<string> Cultures => ConfiguredCultures.All;

    /// <summary>Languages written right to left, known here rather than asked of .NET, which renders the dir attribute.</summary>
    private static readonly HashSet<string> Rtl = ["ar", "fa", "ckb"];

    /// <summary>(page type, path without culture, kind and key of the item whose title is the h1, or null for chrome pages).</summary>
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Cultures)
            foreach (var path in new[] { "/", "/countries/guinea", "/countries/iraq", "/countries/guinea/safety", "/countries/iraq/safety", "/support-points", "/stories/mazan", "/about", "/principles", "/options", "/partners", "/privacy", "/contact" })
                data.Add(c, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageTypeRendersInEveryLanguageWithLangDirHreflangAndHeading(string culture, string path)
    {
        using var client = app.CreateReaderClient();
        var url = $"/{culture}{path}";
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} set a cookie");
        var doc = await Html.GetDocumentAsync(response);

        var html = doc.DocumentElement;
        Assert.Equal(culture, html.GetAttribute("lang"));
        Assert.Equal(Rtl.Contains(culture) ? "rtl" : "ltr", html.GetAttribute("dir"));

        // Every configured language exists for every seed page, so each page lists them all plus x-default.
        var hreflangs = doc.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).ToList();
        Assert.Equal(Cultures.Append("x-default").Order(), hreflangs.Order());
        Assert.All(doc.QuerySelectorAll("link[rel=alternate][hreflang]"), l => Assert.StartsWith("http", l.GetAttribute("href")));
        Assert.EndsWith(url, doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        var h1 = doc.QuerySelector("h1")?.TextContent.Trim();
        Assert.False(string.IsNullOrWhiteSpace(h1));
        var expected = await ExpectedTitleAsync(culture, path);
        if (expected is not null) Assert.Equal(expected, h1);

        // The translated seed is marked as not yet reviewed by a human translator; the Dutch source is not.
        Assert.Equal(culture != "nl" && path != "/", doc.QuerySelectorAll(".notice.subtle").Length > 0);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("ar")]
    public async Task CountryPageShowsContentsSafetySummaryDatesSourcesStoriesAndSupportLink(string culture)
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync($"/{culture}/countries/iraq");

        var toc = doc.QuerySelectorAll("nav.toc a").ToList();
        Assert.Equal(8, toc.Count); // the eight guide sections, each linking to its heading
        Assert.All(toc, a => Assert.NotNull(doc.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));

        Assert.Equal(3, doc.QuerySelectorAll(".safety .dimension").Length);
        Assert.Contains(doc.QuerySelectorAll(".safety a"), a => a.GetAttribute("href") == $"/{culture}/countries/iraq/safety");
        Assert.Contains(doc.QuerySelectorAll("time"), t => t.GetAttribute("datetime") == "2026-11-28");
        Assert.NotNull(doc.QuerySelector("#sources"));
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/{culture}/stories/mazan");
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/{culture}/support-points");
    }

    [Fact]
    public async Task PersianDatesShowTheGregorianDateBeside()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync("/fa/countries/guinea/safety");
        var effective = doc.QuerySelector(".dates")!.TextContent;
        Assert.Contains("۷ آذر ۱۴۰۵", effective); // Solar Hijri, day month year, Persian digits
        Assert.Contains("(۲۸ نوامبر ۲۰۲۶)", effective); // the Gregorian day beside it, in the same words and digits
    }

    [Fact]
    public async Task SafetyPageShowsEveryDimensionAndItsHistoryInTheReadersLanguage()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync("/en/countries/guinea/safety");
        Assert.Equal(3, doc.QuerySelectorAll("section.dimension").Length);
        // The country's history: the assessment's and the guide's major updates, each saying which it was.
        var history = doc.QuerySelectorAll("ol.history li").ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains(history, h => h.TextContent.Contains("(safety)"));
        Assert.Contains(history, h => h.TextContent.Contains("(country information)"));
        Assert.All(history, h => Assert.Contains("First publication", h.TextContent));
        Assert.All(history, h => Assert.Null(h.QuerySelector("[lang]"))); // the English change notes, not the Dutch ones
    }

    [Fact]
    public async Task SupportPointsFilterByCityAndOfferTelMailtoRouteAndContactCard()
    {
        using var client = app.CreateReaderClient();
        var all = await client.GetDocumentAsync("/nl/support-points");
        Assert.Equal(3, all.QuerySelectorAll("section.point").Length);
        Assert.Equal(["Den Haag", "Leiden", "Rotterdam"], all.QuerySelectorAll("#city option").Skip(1).Select(o => o.TextContent));

        var leiden = await client.GetDocumentAsync("/nl/support-points?city=Leiden");
        var point = Assert.Single(leiden.QuerySelectorAll("section.point"));
        Assert.Contains(point.QuerySelectorAll("a"), a => a.GetAttribute("href") == "tel:+31715133088");
        Assert.Contains(point.QuerySelectorAll("a"), a => a.GetAttribute("href") == "mailto:mbakker@vluchtelingenwerk.nl");
        Assert.Contains(point.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("https://www.openstreetmap.org/search?query=Oude%20Rijn%2044B", StringComparison.Ordinal));
        Assert.Contains("2312 HG", point.QuerySelector("address")!.TextContent);

        using var card = await client.GetAsync("/nl/support-points/leiden.vcf");
        Assert.Equal("text/vcard", card.Content.Headers.ContentType!.MediaType);
        var vcf = await card.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCARD\r\nVERSION:3.0\r\n", vcf);
        Assert.Contains("TEL;TYPE=work,voice:+31715133088", vcf);
        Assert.Contains("ADR;TYPE=work:;;Oude Rijn 44B;Leiden;;2312 HG;Nederland", vcf);

        var none = await client.GetDocumentAsync("/nl/support-points?city=Utrecht");
        Assert.Empty(none.QuerySelectorAll("section.point"));
        Assert.NotNull(none.QuerySelector(".notice[role=status]"));
    }

    [Fact]
    public async Task RotterdamWithoutAddressHasNoRouteLinkButItsCounsellor()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync("/en/support-points?city=Rotterdam");
        var point = Assert.Single(doc.QuerySelectorAll("section.point"));
        Assert.DoesNotContain(point.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("openstreetmap", StringComparison.Ordinal));
        Assert.Contains(point.QuerySelectorAll("a"), a => a.GetAttribute("href") == "mailto:olemmens@vluchtelingenwerk.nl");
    }

    [Fact]
    public async Task PhoneNumbersAndEmailsAreIsolatedInRightToLeftPages()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync("/ar/support-points?city=Leiden");
        var tel = doc.QuerySelector("a[href^='tel:']")!;
        Assert.Equal("ltr", tel.GetAttribute("dir"));
        Assert.All(doc.QuerySelectorAll("a[href^='mailto:']"), a => Assert.Equal("ltr", a.GetAttribute("dir")));

        // Latin names inside Arabic body text are wrapped in <bdi> at import time.
        var story = await client.GetDocumentAsync("/ar/stories/mazan");
        Assert.Contains(story.QuerySelectorAll(".body bdi"), b => b.TextContent.Contains("Mazan", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/nl/countries/atlantis")]
    [InlineData("/en/stories/nobody")]
    [InlineData("/fr/no-such-page")]
    [InlineData("/xx/countries/guinea")]
    [InlineData("/xx/")]
    [InlineData("/EN/countries/guinea")]
    [InlineData("/nl/countries/guinea/unknown")]
    [InlineData("/nl/wp-login.php")] // not a slug (Pages/Info/SlugRouteConstraint): no page lookup, the same 404
    [InlineData("/ar/%D8%B9%D9%86")]
    public async Task UnknownSlugOrLanguageGetsLocalized404NeverA500(string url)
    {
        using var client = app.CreateReaderClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd("fr");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var doc = await Html.GetDocumentAsync(response);
        var expectedCulture = url.StartsWith("/xx", StringComparison.Ordinal) || url.StartsWith("/EN", StringComparison.Ordinal) ? "fr" : url.Split('/')[1];
        Assert.Equal(expectedCulture, doc.DocumentElement.GetAttribute("lang"));
        var expectedTitle = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Locales, expectedCulture + ".json"))).RootElement.GetProperty("notfound.title").GetString();
        Assert.Equal(expectedTitle, doc.QuerySelector("h1")!.TextContent);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("fr-CH, fr;q=0.9, en;q=0.8", "/fr/")]
    [InlineData("ar-IQ,ar;q=0.9", "/ar/")]
    [InlineData("de;q=1, ckb;q=0.5", "/ckb/")]
    [InlineData("fa-IR", "/fa/")]
    [InlineData("ku-IQ,ku;q=0.9,en;q=0.5", "/ckb/")] // Sorani speakers' phones often say Kurdish (docs/decisions/0009)
    [InlineData("ku", "/ckb/")]
    [InlineData("ckb-IR", "/ckb/")]
    [InlineData("prs-AF,prs", "/fa/")] // Dari
    public async Task RootRedirectsToTheBestBrowserLanguage(string acceptLanguage, string expected)
    {
        using var client = app.CreateReaderClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task RootWithoutASupportedLanguageListsEveryLanguageByItsOwnName()
    {
        using var client = app.CreateReaderClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", "ti-ER");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Html.GetDocumentAsync(response);
        var names = doc.QuerySelectorAll(".language-list a").Select(a => (a.GetAttribute("lang"), a.TextContent)).ToList();
        Assert.Contains(("nl", "Nederlands"), names);
        Assert.Contains(("fr", "Français"), names);
        Assert.Contains(("ar", "العربية"), names);
        Assert.Contains(("fa", "فارسی"), names);
        Assert.Equal(Cultures.Count, names.Count);
    }

    [Fact]
    public async Task LanguageSwitcherLinksToTheSameItemInEachLanguage()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync("/fa/countries/guinea");
        var links = doc.QuerySelectorAll("nav.languages a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Cultures.Select(c => $"/{c}/countries/guinea"), links);
        Assert.Equal("fa", doc.QuerySelector("nav.languages a[aria-current]")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task SitemapListsEveryPageWithHreflangAlternatesAndRobotsPointsToIt()
    {
        using var client = app.CreateReaderClient();
        var xml = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = xml.Descendants(sm + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToList();
        foreach (var c in Cultures)
        {
            Assert.Contains($"/{c}/countries/guinea", locs);
            Assert.Contains($"/{c}/countries/iraq/safety", locs);
            Assert.Contains($"/{c}/privacy", locs);
        }
        Assert.All(xml.Descendants(sm + "url"), u => Assert.Equal(Cultures.Count + 1, u.Elements().Count(e => e.Name.LocalName == "link"))); // + x-default
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", await client.GetStringAsync("/robots.txt"));
    }

    [Fact]
    public async Task SitemapGivesEachPageItsPublishedDateAndAnXDefault()
    {
        using var client = app.CreateReaderClient();
        var xml = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = xml.Descendants(sm + "url").ToDictionary(u => new Uri(u.Element(sm + "loc")!.Value).AbsolutePath);
        string XDefault(string path) => new Uri(urls[path].Elements().Single(e => e.Name.LocalName == "link" && (string?)e.Attribute("hreflang") == "x-default")
            .Attribute("href")!.Value).AbsolutePath;
        DateTimeOffset LastMod(string path) => DateTimeOffset.Parse(urls[path].Element(sm + "lastmod")!.Value, System.Globalization.CultureInfo.InvariantCulture);

        // The home page's x-default is the language-neutral "/"; a page's is its Dutch source version.
        Assert.Equal("/", XDefault("/ar/"));
        Assert.Equal("/nl/countries/guinea", XDefault("/fa/countries/guinea"));
        Assert.Equal("/nl/countries", XDefault("/en/countries"));

        var published = await app.WithDbAsync((db, _) => db.ContentTranslations
            .Where(t => t.Item.Key == "guinea" && t.Kind == Portal.Content.ContentKind.CountryGuide && t.PublishedAt != null)
            .Select(t => new { t.Culture, t.PublishedAt }).ToListAsync());
        foreach (var t in published)
            Assert.Equal(t.PublishedAt!.Value.ToUnixTimeSeconds(), LastMod($"/{t.Culture}/countries/guinea").ToUnixTimeSeconds());
        Assert.All(urls.Values, u => Assert.NotNull(u.Element(sm + "lastmod")));
        Assert.Equal(urls.Values.Max(u => LastMod(new Uri(u.Element(sm + "loc")!.Value).AbsolutePath)), LastMod("/nl/"));
    }

    private Task<string?> ExpectedTitleAsync(string culture, string path)
    {
        var parts = path.Trim('/').Split('/');
        (ContentKind Kind, string Key)? item = parts switch
        {
            [""] or ["support-points"] => null,
            ["countries", var slug] => (ContentKind.CountryGuide, slug),
            ["countries", var slug, "safety"] => (ContentKind.SafetyAssessment, slug + "-safety"),
            ["stories", var slug] => (ContentKind.Story, slug),
            [var slug] => (ContentKind.Page, slug),
            _ => throw new ArgumentException(path),
        };
        if (item is not { } it) return Task.FromResult<string?>(null);
        return app.WithDbAsync((db, _) => db.ContentTranslations
            .Where(t => t.Kind == it.Kind && t.Item.Key == it.Key && t.Culture == culture)
            .Select(t => t.PublishedRevision!.Title).SingleAsync())!;
    }
}
