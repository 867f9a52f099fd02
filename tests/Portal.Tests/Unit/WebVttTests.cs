using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// No database: the parser alone.
/// <summary>Subtitle files are accepted only when they are well-formed WebVTT with nothing but cue text in them.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class WebVttTests
{
    private const string Good = "WEBVTT - Terugkeer\n\nNOTE made by hand\n\n1\n00:00:00.000 --> 00:00:02.500 line:90%\nJe hebt een <i>keuze</i>.\n\n00:01.000 --> 00:04.000\n<v Mazan>Ik ging terug.</v>\nMet opgeheven hoofd.\n";

    [Fact]
    public void AWellFormedFileGivesItsCuesWithTheirTimingsAndCueTags()
    {
        var (cues, refusal) = WebVtt.Parse("\uFEFF" + Good.Replace("\n", "\r\n"));
        Assert.Null(refusal);
        Assert.Equal(new[] { ("00:00:00.000 --> 00:00:02.500 line:90%", "Je hebt een <i>keuze</i>."), ("00:01.000 --> 00:04.000", "<v Mazan>Ik ging terug.</v>\nMet opgeheven hoofd.") },
            cues!.Select(c => (c.Timing, c.Text)));
        Assert.Equal(cues, WebVtt.Parse(WebVtt.Write(cues!)).Cues); // a translation written from cues reads back the same
    }

    [Theory]
    [InlineData("WEBVT\n\n00:00.000 --> 00:01.000\nHoi\n", "editor.media.vtt-header", null)]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n", "editor.media.vtt-markup", 4)]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\nZie <a href=\"https://example.org\">hier</a>\n", "editor.media.vtt-markup", 4)]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\nOK\n\n00:01.000 --> 00:02.000\nEen <img src=x onerror=alert(1)>\n", "editor.media.vtt-markup", 7)]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\n1 < 2\n", "editor.media.vtt-markup", 4)]
    [InlineData("WEBVTT\n\n00:00.000 -> 00:01.000\nHoi\n", "editor.media.vtt-timing", 3)]
    [InlineData("WEBVTT\n\n00:02.000 --> 00:01.000\nTerug in de tijd\n", "editor.media.vtt-timing", 3)]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\nEen\n\n00:00:61.000 --> 00:01:02.000\nTwee\n", "editor.media.vtt-timing", 6)]
    [InlineData("WEBVTT\n\n00:05.000 --> 00:06.000\nLater\n\n00:01.000 --> 00:02.000\nEerder\n", "editor.media.vtt-order", 6)]
    [InlineData("WEBVTT\n\nSTYLE\n::cue { background: url(https://example.org/x.png) }\n\n00:00.000 --> 00:01.000\nHoi\n", "editor.media.vtt-style", 3)]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\nEen\n00:01.000 --> 00:02.000\nTwee\n", "editor.media.vtt-timing", 5)]
    [InlineData("WEBVTT\n\nNOTE alleen een notitie\n", "editor.media.vtt-no-cues", null)]
    public void ABrokenOrUnsafeFileIsRefusedNamingItsLine(string text, string message, int? line)
    {
        var (cues, refusal) = WebVtt.Parse(text);
        Assert.Null(cues);
        Assert.Equal(message, refusal!.Message);
        if (line is not null) Assert.Equal(line, refusal.Arguments[0]);
    }
}
