using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// Brings a retired item back as readers had it: in every language, the revision that was published when it was
/// retired is published again (read from the publication log). Drafts saved since stay drafts; a language that was
/// not published then stays unpublished. No new safety sign-off is asked: these revisions were public already.
/// </summary>
public static class RestoreRetired
{
    public sealed record Command(int ItemId);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return EditResult.Forbidden("editor.result.restore-editors-only");
            var db = ctx.Db;
            var item = await db.ContentItems.Include(i => i.Translations).SingleOrDefaultAsync(i => i.Id == cmd.ItemId, ct);
            if (item is null) return EditResult.NotFound;
            if (item.RetiredAt is not { } retiredAt) return EditResult.Invalid("editor.result.not-retired");

            // Nothing of a retired item can be published, so each text's last log entry is still the retirement's, if it was published then.
            var ids = item.Translations.Select(t => t.Id).ToList();
            var last = (await db.ContentPublications.AsNoTracking().Where(p => ids.Contains(p.TranslationId)).ToListAsync(ct))
                .GroupBy(p => p.TranslationId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Id)!);
            var now = ctx.Now;
            var republished = new List<string>();
            foreach (var text in item.Translations.OrderBy(t => t.Culture, StringComparer.Ordinal))
            {
                if (!last.TryGetValue(text.Id, out var entry) || entry.Action != PublicationAction.Unpublished
                    || entry.RevisionId is not { } revisionId || entry.At < retiredAt) continue;
                // An image its body shows may have been retired meanwhile (nothing published used it then): said, not shown broken.
                var revision = await db.ContentRevisions.AsNoTracking().SingleAsync(r => r.Id == revisionId, ct);
                if (await Media.MediaChecks.PublishProblemAsync(db, revision.BodyMarkdown, revision.Fields, ctx.SourceCulture, ct) is { } media) return media;
                text.PublishedRevisionId = revisionId;
                text.PublishedAt = now;
                text.Version++;
                db.ContentPublications.Add(new ContentPublication { TranslationId = text.Id, RevisionId = revisionId, Action = PublicationAction.Published, At = now, By = actor.Name });
                republished.Add(text.Culture);
            }
            item.RetiredAt = null;
            item.RetiredBy = null;
            item.RetiredReason = null;
            ctx.Audit.Record(actor.Name, AuditActions.RestoreItem, Retire.Describe(item),
                $"republished: {(republished.Count == 0 ? "none" : string.Join(", ", republished))}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict;
            }
            await ctx.EvictReaderCacheAsync(ct);
            return EditResult.Ok();
        }
    }
}
