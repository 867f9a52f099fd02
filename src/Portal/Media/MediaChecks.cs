using Microsoft.EntityFrameworkCore;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Media;

/// <summary>What a body's media references must satisfy before the body goes live.</summary>
public static class MediaChecks
{
    /// <summary>
    /// Null when every item the body names is in the library and has its Dutch (source) alt text (an image) or its poster,
    /// Dutch subtitles and Dutch transcript (a video); otherwise the first problem. A translation of the alt text may follow later: until then readers get the Dutch one, marked as Dutch, as
    /// with any text not yet translated.
    /// </summary>
    public static async Task<EditResult?> PublishProblemAsync(PortalDbContext db, string markdown, string sourceCulture, CancellationToken ct)
    {
        var keys = MediaReferences.Keys(markdown);
        if (keys.Count == 0) return null;
        var found = await db.MediaItems.AsNoTracking().Where(i => keys.Contains(i.Key) && i.RetiredAt == null)
            .Select(i => new
            {
                i.Key, i.Kind,
                HasAlt = i.AltTexts.Any(a => a.Culture == sourceCulture),
                HasPoster = db.MediaItems.Any(p => p.Key == i.PosterKey && p.Kind == MediaKind.Image && p.RetiredAt == null),
                HasSubtitles = i.Texts.Any(t => t.Kind == MediaTextKind.Subtitles && t.Culture == sourceCulture),
                HasTranscript = i.Texts.Any(t => t.Kind == MediaTextKind.Transcript && t.Culture == sourceCulture),
            }).ToListAsync(ct);
        if (keys.FirstOrDefault(k => found.All(f => f.Key != k)) is { } unknown) return EditResult.Invalid("editor.media.unknown-key", unknown);
        if (found.FirstOrDefault(f => f.Kind == MediaKind.Image && !f.HasAlt) is { } bare) return EditResult.Invalid("editor.media.alt-missing", bare.Key, sourceCulture);
        // A video needs what a reader who cannot hear it, cannot play it, or has not pressed play yet is shown instead.
        if (found.FirstOrDefault(f => f.Kind == MediaKind.Video && !f.HasPoster) is { } noPoster) return EditResult.Invalid("editor.media.video-poster-missing", noPoster.Key);
        if (found.FirstOrDefault(f => f.Kind == MediaKind.Video && !f.HasSubtitles) is { } silent) return EditResult.Invalid("editor.media.video-subtitles-missing", silent.Key, sourceCulture);
        if (found.FirstOrDefault(f => f.Kind == MediaKind.Video && !f.HasTranscript) is { } untold) return EditResult.Invalid("editor.media.video-transcript-missing", untold.Key, sourceCulture);
        return null;
    }
}
