using Microsoft.EntityFrameworkCore;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Media;

/// <summary>What a body's media references must satisfy before the body goes live.</summary>
public static class MediaChecks
{
    /// <summary>
    /// Null when every item the body names is in the library and has its alt text in the body's language (a reader who
    /// cannot see the picture gets words in their own language, not a Dutch fallback); otherwise the first problem.
    /// </summary>
    public static async Task<EditResult?> PublishProblemAsync(PortalDbContext db, string markdown, string culture, CancellationToken ct)
    {
        var keys = MediaReferences.Keys(markdown);
        if (keys.Count == 0) return null;
        var found = await db.MediaItems.AsNoTracking().Where(i => keys.Contains(i.Key) && i.RetiredAt == null)
            .Select(i => new { i.Key, HasAlt = i.AltTexts.Any(a => a.Culture == culture) }).ToListAsync(ct);
        if (keys.FirstOrDefault(k => found.All(f => f.Key != k)) is { } unknown) return EditResult.Invalid("editor.media.unknown-key", unknown);
        if (found.FirstOrDefault(f => !f.HasAlt) is { } bare) return EditResult.Invalid("editor.media.alt-missing", bare.Key, culture);
        return null;
    }
}
