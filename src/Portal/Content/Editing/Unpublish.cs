using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Editing;

/// <summary>
/// Withdraws a translation from readers: the published pointer moves to nothing (the revisions stay), an Unpublished
/// row is appended to the publication log (the change feed reports it), and the reader cache is evicted. Readers of
/// that language then get the source text with the "not yet translated" notice, as for a text never translated.
/// </summary>
public static class Unpublish
{
    /// <param name="Version">The translation's Version the editor saw; a newer one means someone else changed it first.</param>
    public sealed record Command(int TranslationId, int Version, string By);

    public enum Outcome
    {
        Unpublished,
        NotFound,
        NotPublished,
    }

    public sealed class Handler(PortalDbContext db, TimeProvider clock, IOutputCacheStore cache)
    {
        /// <exception cref="DbUpdateConcurrencyException">The translation changed since the editor loaded it.</exception>
        public async Task<Outcome> HandleAsync(Command command, CancellationToken ct = default)
        {
            var translation = await db.ContentTranslations.SingleOrDefaultAsync(t => t.Id == command.TranslationId, ct);
            if (translation is null) return Outcome.NotFound;
            if (translation.PublishedRevisionId is null) return Outcome.NotPublished;

            db.Entry(translation).Property(t => t.Version).OriginalValue = command.Version;
            translation.PublishedRevisionId = null;
            translation.PublishedAt = null;
            translation.Version = command.Version + 1;
            db.ContentPublications.Add(new ContentPublication
            {
                TranslationId = translation.Id,
                Action = PublicationAction.Unpublished,
                At = clock.GetUtcNow(),
                By = command.By,
            });
            await db.SaveChangesAsync(ct); // one transaction: the pointer and the log move together

            await cache.EvictByTagAsync(ContentCacheTags.Reader, ct);
            return Outcome.Unpublished;
        }
    }
}
