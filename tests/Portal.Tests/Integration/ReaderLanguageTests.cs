using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the pages are rendered from the database.
/// <summary>What a reader's language changes on the page: letters written as letters, dates, Dutch titles in right-to-left text.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ReaderLanguageTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    [Theory]
    [InlineData("/ar/countries/iraq")]
    [InlineData("/fa/support-points")]
    [InlineData("/ckb/")]
    [InlineData("/ar/countries")]
    public async Task ArabicScriptIsWrittenAsLettersNotEntities(string url)
    {
        using var client = app.CreateReaderClient();
        var html = await client.GetStringAsync(url);
        Assert.DoesNotMatch(@"&#x[0-9A-Fa-f]{3,4};|&#1[0-9]{3};", html);
        Assert.Contains(url.StartsWith("/ar", StringComparison.Ordinal) ? "العراق" : url.StartsWith("/fa", StringComparison.Ordinal) ? "مراکز" : "گەڕانەوە", html);
    }

    [Fact]
    public async Task MarkupInWhatAReaderTypesIsStillEscaped()
    {
        using var client = app.CreateReaderClient();
        // Whatever the status (a 503 while the index is still being built), the words are echoed in the search box.
        using var response = await client.GetAsync("/ar/search?q=" + Uri.EscapeDataString("<b id=\"x\">&amp;العراق'"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"&lt;b id=&quot;x&quot;&gt;&amp;amp;العراق&#x27;\"", html);
        Assert.DoesNotContain("<b id=\"x\">", html);
    }

    [Fact]
    public async Task SoraniAndPersianPagesWriteDatesDayMonthYearInTheirOwnDigits()
    {
        using var client = app.CreateReaderClient();
        var ckb = (await client.GetDocumentAsync("/ckb/countries/iraq")).QuerySelector(".dates time")!.TextContent;
        Assert.Equal("28ی تشرینی دووەم 2026", ckb);
        var fa = (await client.GetDocumentAsync("/fa/countries/iraq")).QuerySelector(".dates")!.TextContent;
        Assert.Contains("۷ آذر ۱۴۰۵", fa);
        Assert.DoesNotContain("1405", fa, StringComparison.Ordinal); // (culture-aware comparison would equate the two kinds of digits)
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    public async Task DutchAddressesAndNamesInARightToLeftPageAreMarkedAsDutch(string culture)
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync($"/{culture}/support-points");
        Assert.Contains(doc.QuerySelectorAll("address bdi[lang=nl]"), b => b.TextContent == "Hooftskade 91");
        Assert.Contains(doc.QuerySelectorAll(".contact bdi[lang=nl]"), b => b.TextContent == "Margreet Bakker");
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    [InlineData("ckb")]
    public async Task ADutchProjectNameInARightToLeftStoryIsOneIsolatedRunMarkedAsDutch(string culture)
    {
        // A quoted Latin title stays whole too (MarkdownRendererTests); the shipped story names the project unquoted.
        using var client = app.CreateReaderClient();
        var doc = await client.GetDocumentAsync($"/{culture}/stories/mazan");
        var runs = doc.QuerySelectorAll(".body bdi[lang=nl]").Select(b => b.TextContent).ToList();
        Assert.Contains("Met Opgeheven Hoofd 2", runs);
        Assert.DoesNotContain("Met Opgeheven Hoofd", runs);
    }
}
