using AngleSharp.Html.Parser;
using Portal.Content.Markdown;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// No database: the renderer is handed the media it may place.
/// <summary><c>![[media:key]]</c> in a body, as readers' browsers get it.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class MediaMarkdownTests
{
    private readonly MarkdownRenderer _renderer = new();

    private static MediaFigure Mazan(string alt = "Mazan lacht bij de haven.", string? altLanguage = null) => new("mazan", 1280, 960,
        [(320, "/media/mazan/abcdef012345-320.webp"), (640, "/media/mazan/abcdef012345-640.webp"), (1280, "/media/mazan/abcdef012345-1280.webp")],
        [(320, "/media/mazan/abcdef012345-320.jpg"), (640, "/media/mazan/abcdef012345-640.jpg"), (1280, "/media/mazan/abcdef012345-1280.jpg")],
        alt, altLanguage);

    private AngleSharp.Dom.IElement Body(string markdown, string culture, params MediaFigure[] media)
        => new HtmlParser().ParseDocument("<body>" + _renderer.Render(markdown, culture, media.ToDictionary(m => m.Key)).Html).Body!;

    [Fact]
    public void AReferenceBecomesAPictureWithWebpAndJpegInEveryWidthItsSizeAndLazyLoading()
    {
        var body = Body("Intro.\n\n![[media:mazan]]\n\nMore.", "nl", Mazan());

        var picture = body.QuerySelector("p > picture")!;
        Assert.Equal("/media/mazan/abcdef012345-320.webp 320w, /media/mazan/abcdef012345-640.webp 640w, /media/mazan/abcdef012345-1280.webp 1280w",
            picture.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"));
        var img = picture.QuerySelector("img")!;
        Assert.Equal("/media/mazan/abcdef012345-640.jpg", img.GetAttribute("src"));
        Assert.Contains("/media/mazan/abcdef012345-1280.jpg 1280w", img.GetAttribute("srcset"));
        Assert.NotNull(img.GetAttribute("sizes"));
        Assert.Equal(("1280", "960", "lazy"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("loading")));
        Assert.Equal("Mazan lacht bij de haven.", img.GetAttribute("alt"));
        Assert.Null(img.GetAttribute("lang"));
        Assert.Equal(new[] { "Intro.", "", "More." }, body.QuerySelectorAll("p").Select(p => p.TextContent));
    }

    [Fact]
    public void TheDutchAltTextStandingInForAMissingTranslationIsMarkedAsDutchInsideArabicText()
    {
        var img = Body("مقدمة\n\n![[media:mazan]]", "ar", Mazan(altLanguage: "nl")).QuerySelector("img")!;

        Assert.Equal("nl", img.GetAttribute("lang"));
        Assert.Equal("Mazan lacht bij de haven.", img.GetAttribute("alt"));
    }

    [Fact]
    public void AnAltTextCannotBreakOutOfItsAttribute()
    {
        var body = Body("![[media:mazan]]", "en", Mazan(alt: "\"><script>alert(1)</script>"));

        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Equal("\"><script>alert(1)</script>", body.QuerySelector("img")!.GetAttribute("alt"));
    }

    [Fact]
    public void AnUnknownKeyOrAReferenceInCodeStaysAsTypedAndRawImagesStayOff()
    {
        var body = Body("![[media:nobody]] and `![[media:mazan]]` and ![x](https://tracker.example/x.png)", "en", Mazan());

        Assert.Empty(body.QuerySelectorAll("picture, img"));
        Assert.Contains("![[media:nobody]]", body.TextContent);
        Assert.Equal("![[media:mazan]]", body.QuerySelector("code")!.TextContent);
    }

    private static MediaFigure Film(string? transcriptLanguage = null, string transcript = "Je kunt kiezen.\n\nPraat <script>alert(1)</script> met een adviseur.") => new("film", 160, 120, [], [], "",
        Video: new MediaVideo("/media/film/0123456789ab.mp4", "video/mp4", "/media/poster/abcdef012345-640.jpg",
            [new("nl", "/media/film/111111111111.nl.vtt", false), new("ar", "/media/film/222222222222.ar.vtt", true)], transcript, transcriptLanguage));

    [Fact]
    public void AVideoBecomesTheBrowsersPlayerWithATrackPerLanguageAndItsTranscriptOutsideAnyParagraph()
    {
        var body = Body("Kijk.\n\n![[media:film]]\n\nMeer.", "ar", Film(transcriptLanguage: "nl"));

        var figure = body.QuerySelector("body > figure.video")!;
        Assert.Null(body.QuerySelector("p figure"));
        Assert.Equal(new[] { "Kijk.", "Meer." }, body.QuerySelectorAll("body > p").Select(p => p.TextContent)); // no empty paragraph left
        var video = figure.QuerySelector("video")!;
        Assert.Equal(("none", "/media/poster/abcdef012345-640.jpg", "160", "120"), (video.GetAttribute("preload"), video.GetAttribute("poster"), video.GetAttribute("width"), video.GetAttribute("height")));
        Assert.True(video.HasAttribute("controls"));
        Assert.Equal(("/media/film/0123456789ab.mp4", "video/mp4"), (video.QuerySelector("source")!.GetAttribute("src"), video.QuerySelector("source")!.GetAttribute("type")));
        Assert.Equal(new[] { ("nl", "Nederlands", false), ("ar", "العربية", true) },
            video.QuerySelectorAll("track[kind=subtitles]").Select(t => (t.GetAttribute("srclang")!, t.GetAttribute("label")!, t.HasAttribute("default"))));
        var transcript = figure.QuerySelector("figcaption .transcript")!;
        Assert.Equal(("nl", "ltr"), (transcript.GetAttribute("lang"), transcript.GetAttribute("dir")));
        Assert.Equal(2, transcript.QuerySelectorAll("p").Length);
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Contains("<script>", transcript.TextContent);
    }
}
