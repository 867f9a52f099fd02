using AngleSharp.Html.Parser;
using Portal.Content.Markdown;
using Portal.Localization;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// No database: the renderer is handed the document it may place, and the repository's reader strings.
/// <summary><c>![[media:key]]</c> naming a PDF leaflet: a download link whose words are in the reader's language.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class DocumentLinkTests
{
    private readonly MarkdownRenderer _renderer = new(new JsonStringLocalizerFactory(new LocalesFolder(RepoPaths.Locales)));

    private static MediaFigure Leaflet(string title, string fileCulture, long size, string? titleLanguage = null)
        => new("folder", 0, 0, [], [], title, titleLanguage, new DocumentFile($"/media/folder/abcdef012345.pdf", fileCulture, size));

    private AngleSharp.Dom.IElement Link(string culture, MediaFigure figure)
        => new HtmlParser().ParseDocument("<body>" + _renderer.Render("Lees meer.\n\n![[media:folder]]\n", culture, new Dictionary<string, MediaFigure> { ["folder"] = figure }).Html)
            .Body!.QuerySelector("p > a.media-document")!;

    [Fact]
    public void ADutchReaderGetsTheDutchLeafletWithItsSizeAsADownload()
    {
        var a = Link("nl", Leaflet("Folder over terugkeer", "nl", 240 * 1024));

        Assert.Equal("Folder over terugkeer (pdf, 240 kB)", a.TextContent);
        Assert.Equal(("/media/folder/abcdef012345.pdf", "nl", "application/pdf", ""), (a.GetAttribute("href"), a.GetAttribute("hreflang"), a.GetAttribute("type"), a.GetAttribute("download")));
        Assert.Null(a.QuerySelector("bdi")!.GetAttribute("lang"));
    }

    [Fact]
    public void AnArabicReaderWithoutAnArabicFileGetsTheDutchOneSaidToBeDutchInArabic()
    {
        var a = Link("ar", Leaflet("نشرة عن العودة", "nl", (long)(1.5 * 1024 * 1024)));

        Assert.Equal("نشرة عن العودة (PDF، باللغة الهولندية، 1٫5 ميغابايت)", a.TextContent); // the Arabic decimal separator, as .NET writes Arabic numbers
        Assert.Equal(("nl", "rtl"), (a.GetAttribute("hreflang"), a.GetAttribute("dir")));
    }

    [Fact]
    public void APersianReaderReadsTheSizeInPersianDigitsAndTheDutchTitleStandingInIsMarkedDutch()
    {
        var a = Link("fa", Leaflet("Folder over terugkeer", "fa", 240 * 1024 + 1, titleLanguage: "nl"));

        Assert.Equal("Folder over terugkeer (PDF، ۲۴۱ کیلوبایت)", a.TextContent);
        Assert.Equal(("nl", "ltr"), (a.QuerySelector("bdi")!.GetAttribute("lang"), a.QuerySelector("bdi")!.GetAttribute("dir")));
        Assert.Equal("fa", a.GetAttribute("hreflang"));
    }

    [Fact]
    public void ATitleCannotBreakOutOfTheLink()
    {
        var a = Link("en", Leaflet("<script>alert(1)</script>", "en", 10));

        Assert.Empty(a.QuerySelectorAll("script"));
        Assert.Equal("<script>alert(1)</script> (PDF, 1 KB)", a.TextContent);
    }
}
