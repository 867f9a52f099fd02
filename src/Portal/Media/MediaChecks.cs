using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Media;

/// <summary>What a body's media references must satisfy before the body goes live.</summary>
public static class MediaChecks
{
    /// <summary>
    /// Null when every item the body names is in the library and has its Dutch (source) alt text (an image; a document's
    /// title), every document its Dutch file (the one readers of a language without its own file get), every video its
    /// poster, Dutch subtitles and Dutch transcript, and a story that shows a photo has consent for it ("photo" in its
    /// consent record); otherwise the first problem. A translation may follow later: until then readers get the Dutch
    /// text, marked as Dutch, as with any text not yet translated. Asked by every path that makes a revision live:
    /// publish, schedule and the scheduler, approve, restore, the management API (through those) and import.
    /// </summary>
    public static async Task<EditResult?> PublishProblemAsync(PortalDbContext db, string markdown, ContentFields? fields, string sourceCulture, CancellationToken ct)
    {
        var keys = MediaReferences.Keys(markdown);
        if (keys.Count == 0) return null;
        var found = await db.MediaItems.AsNoTracking().Where(i => keys.Contains(i.Key) && i.RetiredAt == null)
            .Select(i => new
            {
                i.Key, i.Kind,
                HasAlt = i.AltTexts.Any(a => a.Culture == sourceCulture),
                LacksFile = i.Kind == MediaKind.Document && !i.Revisions.Any(r => r.Culture == sourceCulture),
                HasPoster = db.MediaItems.Any(p => p.Key == i.PosterKey && p.Kind == MediaKind.Image && p.RetiredAt == null),
                HasSubtitles = i.Texts.Any(t => t.Kind == MediaTextKind.Subtitles && t.Culture == sourceCulture),
                HasTranscript = i.Texts.Any(t => t.Kind == MediaTextKind.Transcript && t.Culture == sourceCulture),
            }).ToListAsync(ct);
        if (keys.FirstOrDefault(k => found.All(f => f.Key != k)) is { } unknown) return EditResult.Invalid("editor.media.unknown-key", unknown);
        if (found.FirstOrDefault(f => f.Kind != MediaKind.Video && !f.HasAlt) is { } bare)
            return EditResult.Invalid(bare.Kind == MediaKind.Document ? "editor.media.title-missing" : "editor.media.alt-missing", bare.Key, sourceCulture);
        if (found.FirstOrDefault(f => f.LacksFile) is { } fileless) return EditResult.Invalid("editor.media.document-file-missing", fileless.Key, sourceCulture);
        // A video needs what a reader who cannot hear it, cannot play it, or has not pressed play yet is shown instead.
        if (found.FirstOrDefault(f => f.Kind == MediaKind.Video && !f.HasPoster) is { } noPoster) return EditResult.Invalid("editor.media.video-poster-missing", noPoster.Key);
        if (found.FirstOrDefault(f => f.Kind == MediaKind.Video && !f.HasSubtitles) is { } silent) return EditResult.Invalid("editor.media.video-subtitles-missing", silent.Key, sourceCulture);
        if (found.FirstOrDefault(f => f.Kind == MediaKind.Video && !f.HasTranscript) is { } untold) return EditResult.Invalid("editor.media.video-transcript-missing", untold.Key, sourceCulture);
        if (fields is StoryFields { Consent.Covers.Photo: not true } && found.FirstOrDefault(f => f.Kind == MediaKind.Image) is { } photo)
            return EditResult.Invalid("editor.media.story-photo-consent", photo.Key);
        return null;
    }
}
