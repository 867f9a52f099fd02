using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Portal.Content.Markdown;

public sealed record OutlineEntry(string Id, string Text);

public sealed record RenderedMarkdown(string Html, IReadOnlyList<OutlineEntry> Outline);

/// <summary>
/// The one Markdown pipeline. Runs when content is saved or imported, never per request.
/// Raw HTML is disabled (it comes out as text) and the result is sanitised once more, so neither
/// a script, an event handler nor a javascript: link can reach a reader.
/// </summary>
/// <param name="strings">The reader strings a document's link and a video's transcript label are written with; without them (unit tests of pictures) a document stays as typed and a transcript is labelled in English.</param>
public sealed partial class MarkdownRenderer(Portal.Localization.JsonStringLocalizerFactory? strings = null)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();
    private readonly HtmlParser _parser = new();

    /// <param name="media">The items the body names (<see cref="Portal.Media.MediaFigures"/>); a reference to any other stays as typed.</param>
    public RenderedMarkdown Render(string markdown, string culture, IReadOnlyDictionary<string, Portal.Media.MediaFigure>? media = null)
    {
        var document = Markdig.Markdown.Parse(ControlCharacters.Strip(markdown ?? ""), Pipeline); // the stored HTML can carry none

        // Sections get stable ids of their own: auto-ids from Arabic or Kurdish headings would be empty or unreadable.
        var outline = new List<OutlineEntry>();
        foreach (var heading in document.Descendants<HeadingBlock>().Where(h => h.Level == 2))
        {
            var id = $"section-{outline.Count + 1}";
            heading.GetAttributes().Id = id;
            outline.Add(new OutlineEntry(id, InlineText(heading)));
        }

        // Stripped again after: a character reference in the text (&#x1;) is decoded to the control character itself.
        var html = ControlCharacters.Strip(_sanitizer.Sanitize(Markdig.Markdown.ToHtml(document, Pipeline)));
        return new RenderedMarkdown(IsolateLeftToRightRuns(html, culture, media), outline);
    }

    private static string InlineText(HeadingBlock heading)
    {
        if (heading.Inline is null) return "";
        var sb = new System.Text.StringBuilder();
        foreach (var literal in heading.Inline.Descendants<Markdig.Syntax.Inlines.LiteralInline>())
            sb.Append(literal.Content.ToString());
        return sb.ToString().Trim();
    }

    /// <summary>
    /// Latin-script names in an Arabic-script text here are Dutch (places, organisations, the project's name): marked
    /// so that a screen reader does not read them with an Arabic or Kurdish voice.
    /// </summary>
    private const string LatinRunLanguage = "nl";

    /// <summary>
    /// Makes e-mail addresses tappable, and in right-to-left languages isolates phone numbers, e-mail
    /// addresses and Latin names so that they keep their own direction inside Arabic-script text.
    /// </summary>
    private string IsolateLeftToRightRuns(string html, string culture, IReadOnlyDictionary<string, Portal.Media.MediaFigure>? media)
    {
        var rtl = CultureInfo.GetCultureInfo(culture).TextInfo.IsRightToLeft;
        var doc = _parser.ParseDocument("<body>" + html);
        var body = doc.Body!;
        if (media is { Count: > 0 }) PlaceMedia(doc, body, media, culture);
        var textNodes = body.Descendants<IText>().Where(t => t.ParentElement is { } p && p.Closest("a, code, pre, bdi") is null).ToList();
        foreach (var text in textNodes)
        {
            var pattern = rtl ? LtrRun() : Email();
            var value = text.Data;
            if (!pattern.IsMatch(value)) continue;

            var fragment = new List<INode>();
            var last = 0;
            foreach (Match m in pattern.Matches(value))
            {
                if (m.Index > last) fragment.Add(doc.CreateTextNode(value[last..m.Index]));
                fragment.Add(Wrap(doc, m.Value, rtl));
                last = m.Index + m.Length;
            }
            if (last < value.Length) fragment.Add(doc.CreateTextNode(value[last..]));
            text.ReplaceWith([.. fragment]);
        }

        // Links written as links (mailto:, tel:, URLs) always keep left-to-right order in RTL text.
        if (rtl)
        {
            foreach (var a in body.QuerySelectorAll("a"))
                if (a.GetAttribute("dir") is null) a.SetAttribute("dir", "ltr");
        }
        return body.InnerHtml;
    }

    /// <summary>
    /// <c>![[media:key]]</c> becomes a picture, made after the sanitiser (which allows no img: nothing in a body may load
    /// from elsewhere) from the library's own addresses: WebP with a JPEG fallback in every width, the size set so the page
    /// does not shift, loaded lazily, and the alt text in the body's language or the Dutch one marked as Dutch.
    /// </summary>
    private void PlaceMedia(IDocument doc, IElement body, IReadOnlyDictionary<string, Portal.Media.MediaFigure> media, string culture)
    {
        foreach (var text in body.Descendants<IText>().Where(t => t.Data.Contains("![[media:", StringComparison.Ordinal) && t.ParentElement?.Closest("a, code, pre") is null).ToList())
        {
            var value = text.Data;
            var fragment = new List<INode>();
            var last = 0;
            foreach (Match m in Portal.Media.MediaReferences.Find(value))
            {
                if (!media.TryGetValue(m.Groups[1].Value, out var figure) || (figure.Document is not null && strings is null)) continue;
                if (m.Index > last) fragment.Add(doc.CreateTextNode(value[last..m.Index]));
                fragment.Add(figure.Document is { } file ? DocumentLink(doc, figure, file, culture, strings!.In(culture))
                    : figure.Video is { } video ? Video(doc, figure, video, culture)
                    : Picture(doc, figure));
                last = m.Index + m.Length;
            }
            if (fragment.Count == 0) continue;
            if (last < value.Length) fragment.Add(doc.CreateTextNode(value[last..]));
            text.ReplaceWith([.. fragment]);
            // A figure (a video) cannot stand in a paragraph: it follows it, and an emptied paragraph goes.
            foreach (var figure in fragment.OfType<IElement>().Where(e => e.LocalName == "figure").Reverse())
            {
                if (figure.ParentElement is not { LocalName: "p" } paragraph) continue;
                paragraph.After(figure);
                if (paragraph.TextContent.Trim().Length == 0 && paragraph.Children.Length == 0) paragraph.Remove();
            }
        }
    }

    /// <summary>
    /// A document as a download link whose words say what it is: its title (the Dutch one marked as Dutch when the body's
    /// language has none), "PDF", the file's language when it is not the reader's (with <c>hreflang</c>), and its size.
    /// </summary>
    private static IElement DocumentLink(IDocument doc, Portal.Media.MediaFigure figure, Portal.Media.DocumentFile file, string culture,
        Microsoft.Extensions.Localization.IStringLocalizer text)
    {
        var a = doc.CreateElement("a");
        a.SetAttribute("href", file.Url);
        a.SetAttribute("type", "application/pdf");
        a.SetAttribute("hreflang", file.Culture);
        a.SetAttribute("download", "");
        a.SetAttribute("class", "media-document");
        a.SetAttribute("dir", CultureInfo.GetCultureInfo(culture).TextInfo.IsRightToLeft ? "rtl" : "ltr"); // its words are the reader's, not a URL's
        var title = doc.CreateElement("bdi");
        if (figure.AltLanguage is { } lang)
        {
            title.SetAttribute("lang", lang);
            title.SetAttribute("dir", CultureInfo.GetCultureInfo(lang).TextInfo.IsRightToLeft ? "rtl" : "ltr");
        }
        title.TextContent = figure.Alt;
        a.AppendChild(title);
        a.AppendChild(doc.CreateTextNode(" " + Portal.Media.DocumentLinks.Details(file, culture, text)));
        return a;
    }

    private const string Sizes = "(min-width: 46rem) 46rem, 100vw"; // the reading column's widest (site.css)

    private static IElement Picture(IDocument doc, Portal.Media.MediaFigure figure)
    {
        static string SrcSet(IEnumerable<(int Width, string Url)> copies) => string.Join(", ", copies.Select(c => $"{c.Url} {c.Width}w"));
        var picture = doc.CreateElement("picture");
        if (figure.Webp.Count > 0)
        {
            var source = doc.CreateElement("source");
            source.SetAttribute("type", "image/webp");
            source.SetAttribute("srcset", SrcSet(figure.Webp));
            source.SetAttribute("sizes", Sizes);
            picture.AppendChild(source);
        }
        var img = doc.CreateElement("img");
        var fallback = figure.Jpeg.Count > 0 ? figure.Jpeg : figure.Webp;
        img.SetAttribute("src", fallback[Math.Min(1, fallback.Count - 1)].Url); // 640 px where there is one: a phone's width at 2x
        img.SetAttribute("srcset", SrcSet(fallback));
        img.SetAttribute("sizes", Sizes);
        img.SetAttribute("width", figure.Width.ToString(CultureInfo.InvariantCulture));
        img.SetAttribute("height", figure.Height.ToString(CultureInfo.InvariantCulture));
        img.SetAttribute("alt", figure.Alt);
        if (figure.AltLanguage is { } lang) img.SetAttribute("lang", lang);
        img.SetAttribute("loading", "lazy");
        img.SetAttribute("decoding", "async");
        picture.AppendChild(img);
        return picture;
    }

    /// <summary>
    /// A video: the browser's own player (no script), nothing fetched before the reader presses play but the poster, a
    /// subtitle track per language with the body's language chosen (else Dutch), then the transcript for readers who
    /// cannot play it, in the body's language or the Dutch one marked as Dutch. Every address is the library's own.
    /// </summary>
    private IElement Video(IDocument doc, Portal.Media.MediaFigure figure, Portal.Media.MediaVideo video, string culture)
    {
        var figureElement = doc.CreateElement("figure");
        figureElement.ClassList.Add("video");
        var player = doc.CreateElement("video");
        player.SetAttribute("controls", "");
        player.SetAttribute("preload", "none");
        if (video.Poster is { } poster) player.SetAttribute("poster", poster);
        player.SetAttribute("width", figure.Width.ToString(CultureInfo.InvariantCulture));
        player.SetAttribute("height", figure.Height.ToString(CultureInfo.InvariantCulture));
        var source = doc.CreateElement("source");
        source.SetAttribute("src", video.Url);
        source.SetAttribute("type", video.ContentType);
        player.AppendChild(source);
        foreach (var t in video.Tracks)
        {
            var track = doc.CreateElement("track");
            track.SetAttribute("kind", "subtitles");
            track.SetAttribute("srclang", t.Culture);
            track.SetAttribute("label", Portal.Localization.PortalCultures.NativeName(CultureInfo.GetCultureInfo(t.Culture)));
            track.SetAttribute("src", t.Url);
            if (t.Default) track.SetAttribute("default", "");
            player.AppendChild(track);
        }
        figureElement.AppendChild(player);
        if (video.Transcript is { } transcript)
        {
            var caption = doc.CreateElement("figcaption");
            var label = doc.CreateElement("p");
            label.ClassList.Add("transcript-label");
            label.TextContent = strings?.Find("media.transcript", CultureInfo.GetCultureInfo(culture)) ?? "Transcript";
            caption.AppendChild(label);
            var text = doc.CreateElement("div");
            text.ClassList.Add("transcript");
            if (video.TranscriptLanguage is { } lang)
            {
                text.SetAttribute("lang", lang);
                text.SetAttribute("dir", Portal.Localization.PortalCultures.Direction(CultureInfo.GetCultureInfo(lang)));
            }
            foreach (var paragraph in transcript.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var p = doc.CreateElement("p");
                var lines = paragraph.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (i > 0) p.AppendChild(doc.CreateElement("br"));
                    p.AppendChild(doc.CreateTextNode(lines[i]));
                }
                text.AppendChild(p);
            }
            caption.AppendChild(text);
            figureElement.AppendChild(caption);
        }
        return figureElement;
    }

    private static INode Wrap(IDocument doc, string value, bool rtl)
    {
        if (Email().IsMatch(value) && Email().Match(value).Value == value)
        {
            var a = doc.CreateElement("a");
            a.SetAttribute("href", "mailto:" + value);
            if (rtl) a.SetAttribute("dir", "ltr");
            a.TextContent = value;
            return a;
        }
        var bdi = doc.CreateElement("bdi");
        if (PhoneLike().IsMatch(value)) bdi.SetAttribute("dir", "ltr");
        else bdi.SetAttribute("lang", LatinRunLanguage);
        bdi.TextContent = value;
        return bdi;
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedAttributes.Add("id");
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.UnionWith(["http", "https", "mailto", "tel"]);
        s.AllowedTags.Remove("form");
        s.AllowedTags.Remove("img"); // readers pay for data, and an image could be hot-linked from a third party
        return s;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-()]{5,}[0-9]$")]
    private static partial Regex PhoneLike();

    // An e-mail address, a phone number, or a run of Latin-script words (with digits and light punctuation between them;
    // a word may open with a quote mark, so that "Met opgeheven hoofd terug naar 'huis'" stays one run).
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|\+?[0-9][0-9 \-()]{5,}[0-9]|[A-Za-z][A-Za-z0-9'’\-]*(?:[ .,:/&]['‘""“]?[A-Za-z0-9][A-Za-z0-9'’\-]*)*")]
    private static partial Regex LtrRun();
}
