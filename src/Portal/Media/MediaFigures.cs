using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Media;

/// <param name="Document">For a document: the file a reader of the body's language gets; the figure's alt text is then its title.</param>
/// <param name="Webp">Each WebP copy's width and address, narrowest first; <paramref name="Jpeg"/> likewise.</param>
/// <param name="Alt">In the body's language, or the Dutch source's when that is missing: then <paramref name="AltLanguage"/> says so.</param>
/// <param name="Files">Every copy with its type and size, narrowest first: what the delivery API lists.</param>
public sealed record MediaFigure(string Key, int Width, int Height, IReadOnlyList<(int Width, string Url)> Webp, IReadOnlyList<(int Width, string Url)> Jpeg,
    string Alt, string? AltLanguage = null, DocumentFile? Document = null, IReadOnlyList<MediaFile>? Files = null, MediaKind Kind = MediaKind.Image,
    MediaVideo? Video = null);

/// <param name="Poster">The poster image's JPEG address (640 px where there is such a copy), or null.</param>
/// <param name="Tracks">One per language that has subtitles; <c>Default</c> on the body's language, else on Dutch.</param>
/// <param name="Transcript">In the body's language, or the Dutch one when that is missing: then <paramref name="TranscriptLanguage"/> says so.</param>
public sealed record MediaVideo(string Url, string ContentType, string? Poster, IReadOnlyList<MediaTrackLink> Tracks, string? Transcript, string? TranscriptLanguage)
{
    /// <summary>A video file's address, fingerprinted by its SHA-256 (what <see cref="MediaEndpoints"/> serves).</summary>
    public static string UrlOf(string key, string sha256, string contentType)
        => $"/media/{key}/{sha256[..12]}.{(contentType == "video/webm" ? "webm" : "mp4")}";
}

public sealed record MediaTrackLink(string Culture, string Url, bool Default);

/// <param name="Url">The site-relative address, <c>/media/&lt;key&gt;/&lt;file&gt;</c>.</param>
public sealed record MediaFile(string Url, string ContentType, int Width, int Height);

/// <summary>A document's PDF in one language: its address, that language and its size.</summary>
public sealed record DocumentFile(string Url, string Culture, long Size);

/// <summary>
/// What the Markdown renderer needs to turn <c>![[media:key]]</c> into a picture, a video or a document's download link:
/// loaded before it runs, as it runs no query. A document gets the body language's PDF, or else the Dutch (source) one.
/// One query for every item a body shows, a video's poster and newest texts included (a page may show several videos).
/// </summary>
public static class MediaFigures
{
    public static Task<IReadOnlyDictionary<string, MediaFigure>> LoadAsync(PortalDbContext db, string? markdown, string culture, string sourceCulture, CancellationToken ct)
        => LoadAsync(db, MediaReferences.Keys(markdown), culture, sourceCulture, ct);

    public static async Task<IReadOnlyDictionary<string, MediaFigure>> LoadAsync(PortalDbContext db, IReadOnlyList<string> keys, string culture, string sourceCulture, CancellationToken ct)
    {
        if (keys.Count == 0) return new Dictionary<string, MediaFigure>();
        var items = await db.MediaItems.AsNoTracking().Where(i => keys.Contains(i.Key) && i.RetiredAt == null && i.CurrentRevisionId != null)
            .Select(i => new
            {
                i.Id, i.Key, i.Kind, i.PosterKey, i.CurrentRevision!.Sha256, i.CurrentRevision.ContentType, i.CurrentRevision.Width, i.CurrentRevision.Height,
                Files = i.Revisions.Where(r => r.Culture == culture || r.Culture == sourceCulture)
                    .Select(r => new { r.Culture, r.Number, r.Sha256, r.Size }).ToList(),
                Variants = i.CurrentRevision!.Variants.Select(v => new { v.FileName, v.Width, v.Height, v.ContentType }).ToList(),
                Alt = i.AltTexts.Where(a => a.Culture == culture || a.Culture == sourceCulture).Select(a => new { a.Culture, a.Text }).ToList(),
                // A video's: its poster's JPEG copy (640 px where there is one), and the newest text of each kind and language.
                Poster = db.MediaItems.Where(p => p.Key == i.PosterKey && p.RetiredAt == null).SelectMany(p => p.CurrentRevision!.Variants)
                    .Where(v => v.ContentType == "image/jpeg").OrderBy(v => v.Width > 640).ThenByDescending(v => v.Width).Select(v => v.FileName).FirstOrDefault(),
                Texts = i.Texts.Where(t => !db.MediaTexts.Any(n => n.MediaItemId == t.MediaItemId && n.Kind == t.Kind && n.Culture == t.Culture && n.Version > t.Version))
                    .Select(t => new MediaText
                    {
                        Kind = t.Kind, Culture = t.Culture, Sha256 = t.Sha256, UpdatedBy = "",
                        Text = t.Kind == MediaTextKind.Transcript && (t.Culture == culture || t.Culture == sourceCulture) ? t.Text : "", // only the transcripts shown
                    }).ToList(),
            }).ToListAsync(ct);
        var figures = new Dictionary<string, MediaFigure>(StringComparer.Ordinal);
        foreach (var i in items.Where(i => i.Kind == MediaKind.Video))
        {
            var video = Video(i.Key, i.Sha256, i.ContentType, i.PosterKey, i.Poster, i.Texts, culture, sourceCulture);
            figures[i.Key] = new MediaFigure(i.Key, i.Width ?? 0, i.Height ?? 0, [], [], "", Kind: MediaKind.Video, Video: video);
        }
        foreach (var i in items.Where(i => i.Kind != MediaKind.Video))
        {
            var own = i.Alt.FirstOrDefault(a => a.Culture == culture);
            var alt = own ?? i.Alt.FirstOrDefault(a => a.Culture == sourceCulture);
            var altLanguage = own is null && alt is not null ? sourceCulture : null;
            if (i.Kind == MediaKind.Document)
            {
                var file = i.Files.Where(f => f.Culture == culture).MaxBy(f => f.Number) ?? i.Files.Where(f => f.Culture == sourceCulture).MaxBy(f => f.Number);
                if (file is null || alt is null) continue; // publishing refuses both (MediaChecks)
                figures[i.Key] = new MediaFigure(i.Key, 0, 0, [], [], alt.Text, altLanguage, new DocumentFile($"/media/{i.Key}/{file.Sha256[..12]}.pdf", file.Culture!, file.Size), Kind: i.Kind);
                continue;
            }
            if (i.Variants.Count == 0) continue;
            var widest = i.Variants.MaxBy(v => v.Width)!;
            List<(int, string)> Of(string type) => [.. i.Variants.Where(v => v.ContentType == type).OrderBy(v => v.Width).Select(v => (v.Width, $"/media/{i.Key}/{v.FileName}"))];
            var files = i.Variants.OrderBy(v => v.Width).ThenBy(v => v.ContentType, StringComparer.Ordinal)
                .Select(v => new MediaFile($"/media/{i.Key}/{v.FileName}", v.ContentType, v.Width, v.Height)).ToList();
            figures[i.Key] = new MediaFigure(i.Key, widest.Width, widest.Height, Of("image/webp"), Of("image/jpeg"), alt?.Text ?? "", altLanguage, Files: files, Kind: i.Kind);
        }
        return figures;
    }

    private static MediaVideo Video(string key, string sha256, string contentType, string? posterKey, string? poster, List<MediaText> texts, string culture, string sourceCulture)
    {
        var subtitles = texts.Where(t => t.Kind == MediaTextKind.Subtitles).OrderBy(t => t.Culture == sourceCulture ? 0 : 1).ThenBy(t => t.Culture, StringComparer.Ordinal).ToList();
        var defaultCulture = subtitles.Any(t => t.Culture == culture) ? culture : sourceCulture;
        var transcript = texts.FirstOrDefault(t => t.Kind == MediaTextKind.Transcript && t.Culture == culture)
            ?? texts.FirstOrDefault(t => t.Kind == MediaTextKind.Transcript && t.Culture == sourceCulture);
        return new MediaVideo(MediaVideo.UrlOf(key, sha256, contentType), contentType, poster is null ? null : $"/media/{posterKey}/{poster}",
            [.. subtitles.Select(t => new MediaTrackLink(t.Culture, $"/media/{key}/{t.Fingerprint}.{t.Culture}.vtt", t.Culture == defaultCulture))],
            transcript?.Text, transcript is not null && transcript.Culture != culture ? transcript.Culture : null);
    }
}
