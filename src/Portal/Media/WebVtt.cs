using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Media;

/// <summary>One subtitle: its timing line as written (start, end and any cue settings) and its text.</summary>
public sealed record VttCue(string Timing, string Text);

/// <summary>
/// Reads and writes WebVTT subtitle files. A file is accepted only when it is well-formed: the <c>WEBVTT</c> header,
/// cues whose timings parse, end after they start and start in order, and text with no markup beyond WebVTT's own cue
/// tags (<c>b i u c v lang ruby rt</c> and timestamps). A browser shows cue text as text, but the file is also served to
/// apps and kept for years: HTML or a script in it is refused, not carried. <c>STYLE</c> and <c>REGION</c> blocks are
/// refused too (a style can load a font or an image from another host).
/// </summary>
public static partial class WebVtt
{
    public const int MaxBytes = 512 * 1024;

    /// <returns>The cues, or a refusal naming the line (1-based) where the file goes wrong.</returns>
    public static (IReadOnlyList<VttCue>? Cues, Refusal? Refusal) Parse(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes) return (null, new("editor.media.vtt-too-large", MaxBytes / 1024));
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        if (!Header().IsMatch(lines[0])) return (null, new("editor.media.vtt-header"));
        var cues = new List<VttCue>();
        var previousStart = TimeSpan.Zero;
        var i = 1;
        while (i < lines.Length && lines[i].Length > 0) i++; // the header's own lines
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0) { i++; continue; }
            var blockStart = i;
            if (lines[i].StartsWith("NOTE", StringComparison.Ordinal) && (lines[i].Length == 4 || lines[i][4] is ' ' or '\t'))
            {
                while (i < lines.Length && lines[i].Length > 0) i++;
                continue;
            }
            if (lines[i] is "STYLE" or "REGION" || lines[i].StartsWith("STYLE ", StringComparison.Ordinal) || lines[i].StartsWith("REGION ", StringComparison.Ordinal))
                return (null, new("editor.media.vtt-style", i + 1));
            if (!lines[i].Contains("-->", StringComparison.Ordinal)) i++; // a cue identifier
            if (i >= lines.Length || Timing().Match(lines[i]) is not { Success: true } timing)
            {
                // A first line that starts like a time was a timing gone wrong (00:01.000 -> 00:02.000), not a cue's name.
                var wrong = i != blockStart && LooksLikeTime().IsMatch(lines[blockStart]) ? blockStart : Math.Min(i, lines.Length - 1);
                return (null, new("editor.media.vtt-timing", wrong + 1));
            }
            var start = Time(timing.Groups["start"].Value);
            var end = Time(timing.Groups["end"].Value);
            if (start is null || end is null || end <= start) return (null, new("editor.media.vtt-timing", i + 1));
            if (start < previousStart) return (null, new("editor.media.vtt-order", i + 1));
            previousStart = start.Value;
            var timingLine = lines[i].Trim();
            i++;
            var textLines = new List<string>();
            for (; i < lines.Length && lines[i].Length > 0; i++)
            {
                if (lines[i].Contains("-->", StringComparison.Ordinal)) return (null, new("editor.media.vtt-timing", i + 1)); // two cues with no blank line between
                if (Markup(lines[i]) is { } tag) return (null, new("editor.media.vtt-markup", i + 1, tag));
                textLines.Add(lines[i]);
            }
            if (textLines.Count == 0) return (null, new("editor.media.vtt-empty-cue", blockStart + 1));
            cues.Add(new VttCue(timingLine, string.Join('\n', textLines)));
        }
        if (cues.Count == 0) return (null, new("editor.media.vtt-no-cues"));
        return (cues, null);
    }

    /// <summary>A file of these cues: how a translation is stored, the Dutch timings with the translated texts.</summary>
    public static string Write(IEnumerable<VttCue> cues)
    {
        var sb = new StringBuilder("WEBVTT\n");
        foreach (var cue in cues) sb.Append('\n').Append(cue.Timing).Append('\n').Append(cue.Text.Trim()).Append('\n');
        return sb.ToString();
    }

    /// <summary>The first tag in a cue's text that is not one of WebVTT's own, or null.</summary>
    private static string? Markup(string line)
    {
        foreach (Match m in Tag().Matches(line))
        {
            if (!CueTag().IsMatch(m.Value)) return m.Value.Length > 40 ? m.Value[..40] + "…" : m.Value;
        }
        return null;
    }

    private static TimeSpan? Time(string value)
    {
        var parts = value.Split(':');
        var (h, m, s) = parts.Length == 3 ? (parts[0], parts[1], parts[2]) : ("0", parts[0], parts[1]);
        if (!int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds >= 60)
            return null;
        return new TimeSpan(hours, minutes, 0) + TimeSpan.FromMilliseconds((double)(seconds * 1000));
    }

    [GeneratedRegex(@"^WEBVTT(?:[ \t].*)?$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s*(?<start>(?:\d{2,}:)?\d{2}:\d{2}\.\d{3})[ \t]+-->[ \t]+(?<end>(?:\d{2,}:)?\d{2}:\d{2}\.\d{3})(?:[ \t]+[^\s:]+:[^\s]+)*\s*$")]
    private static partial Regex Timing();

    // Every "<" opens a tag to a browser (a lone one in text must be written &lt;), so each is matched, closed or not.
    [GeneratedRegex(@"^\s*\d+:\d")]
    private static partial Regex LooksLikeTime();

    [GeneratedRegex(@"<[^>\n]*>?")]
    private static partial Regex Tag();

    // WebVTT's cue spans (with classes, a voice's name, a language tag), their ends, and timestamps; nothing else.
    [GeneratedRegex(@"^<(?:/?(?:b|i|u|c|ruby|rt)(?:\.[A-Za-z0-9_-]+)*|(?:v|lang)(?:\.[A-Za-z0-9_-]+)*[ \t][^<>""'=]+|/v|/lang|(?:\d{2,}:)?\d{2}:\d{2}\.\d{3})>$")]
    private static partial Regex CueTag();
}
