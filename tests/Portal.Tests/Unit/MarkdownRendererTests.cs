using Portal.Content.Markdown;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: Markdown in, HTML out. It never opens a database, so the PostgreSQL pass skips it.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void RawHtmlComesOutAsInertText(string payload)
    {
        var html = _renderer.Render("Hello " + payload, "en").Html;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html); // the reader sees the text that was typed
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    public void DangerousLinkSchemesAreRemoved(string markdown)
    {
        var html = _renderer.Render(markdown, "en").Html;
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("click", html);
    }

    [Fact]
    public void SectionsGetStableIdsAndAnOutline()
    {
        var r = _renderer.Render("Intro\n\n## وضعیت کشور\n\nText\n\n## Documents *and* travel\n\nMore", "fa");
        Assert.Equal([new OutlineEntry("section-1", "وضعیت کشور"), new OutlineEntry("section-2", "Documents and travel")], r.Outline);
        Assert.Contains("<h2 id=\"section-1\">", r.Html);
    }

    [Fact]
    public void EmailsBecomeTappableAndLatinRunsAreIsolatedInRightToLeftText()
    {
        var html = _renderer.Render("راسلوا aijff@vluchtelingenwerk.nl أو اتصلوا 070-3897001 في Met Opgeheven Hoofd 2.", "ar").Html;
        Assert.Contains("<a href=\"mailto:aijff@vluchtelingenwerk.nl\" dir=\"ltr\">aijff@vluchtelingenwerk.nl</a>", html);
        Assert.Contains("<bdi dir=\"ltr\">070-3897001</bdi>", html);
        Assert.Contains("<bdi lang=\"nl\">Met Opgeheven Hoofd 2</bdi>", html);
    }

    [Theory]
    [InlineData("ar", "في مقال بعنوان \"Met opgeheven hoofd terug naar 'huis'\" (ومعناه: العودة).")]
    [InlineData("fa", "در مطلبی با عنوان «Met opgeheven hoofd terug naar 'huis'» منتشر شد.")]
    [InlineData("ckb", "بە ناونیشانی \"Met opgeheven hoofd terug naar ‘huis’\" بڵاوکرایەوە.")]
    public void AQuotedLatinTitleInRightToLeftTextStaysOneIsolatedRun(string culture, string markdown)
    {
        var html = _renderer.Render(markdown, culture).Html;
        var quote = markdown.Contains('‘') ? "‘huis’" : "'huis'";
        Assert.Contains($"<bdi lang=\"nl\">Met opgeheven hoofd terug naar {quote.Replace("'", "&#39;", StringComparison.Ordinal)}</bdi>".Replace("&#39;", "'", StringComparison.Ordinal), html.Replace("&#39;", "'", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<bdi"));
    }

    [Fact]
    public void LeftToRightTextOnlyGetsTappableEmails()
    {
        var html = _renderer.Render("Mail aijff@vluchtelingenwerk.nl or call 070-3897001.", "nl").Html;
        Assert.Contains("<a href=\"mailto:aijff@vluchtelingenwerk.nl\">", html);
        Assert.DoesNotContain("<bdi", html);
    }
}
