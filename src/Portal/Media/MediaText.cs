using System.Security.Cryptography;
using System.Text;

namespace Portal.Media;

public enum MediaTextKind { Subtitles, Transcript }

/// <summary>
/// A video's subtitles (a WebVTT file) or transcript (plain text) in one language. Rows are only inserted: a change is a
/// new row with the next <see cref="Version"/>, so a published page keeps the subtitle file it was saved with (its address
/// carries the text's fingerprint), as it keeps an image's revision. Dutch is the source: a translation records the
/// version of the Dutch text it was made from, as <see cref="MediaAltText.SourceVersion"/> does, so it can be outdated.
/// </summary>
public class MediaText
{
    public int Id { get; set; }
    public int MediaItemId { get; set; }
    public MediaTextKind Kind { get; set; }
    public required string Culture { get; set; }
    public required string Text { get; set; }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex; its start is the subtitle file's fingerprint.</summary>
    public required string Sha256 { get; set; }

    /// <summary>1 for the first text of this kind and language, then one more for each change.</summary>
    public int Version { get; set; }

    /// <summary>For a translation: the Dutch text's <see cref="Version"/> it was written from.</summary>
    public int? SourceVersion { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Fingerprint => Sha256[..12];

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public const int MaxTranscript = 50_000;
}
