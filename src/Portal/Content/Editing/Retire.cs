using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// Takes an item off the reader site and the delivery API in every language at once, with a reason for the audit log.
/// Its texts, revisions and publication history stay; its addresses answer 410 Gone (<see cref="Reading.OldAddress"/>);
/// pending schedules are cancelled and nothing of it can be published until <see cref="RestoreRetired"/> brings it back.
/// </summary>
public static class Retire
{
    public sealed record Command(int ItemId, string? Reason);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return EditResult.Forbidden("editor.result.retire-editors-only");
            var reason = cmd.Reason?.Trim();
            if (string.IsNullOrEmpty(reason)) return EditResult.Invalid("editor.result.retire-reason-required");
            if (reason.Length > ContentItem.MaxRetiredReason) return EditResult.Invalid("editor.result.retire-reason-too-long", ContentItem.MaxRetiredReason);

            var db = ctx.Db;
            var item = await db.ContentItems.Include(i => i.Translations).SingleOrDefaultAsync(i => i.Id == cmd.ItemId, ct);
            if (item is null) return EditResult.NotFound;
            if (item.RetiredAt is not null) return EditResult.Invalid("editor.result.retired-already");

            var now = ctx.Now;
            var unpublished = new List<string>();
            foreach (var text in item.Translations.Where(t => t.PublishedRevisionId is not null).OrderBy(t => t.Culture, StringComparer.Ordinal))
            {
                db.ContentPublications.Add(new ContentPublication { TranslationId = text.Id, RevisionId = text.PublishedRevisionId, Action = PublicationAction.Unpublished, At = now, By = actor.Name });
                text.PublishedRevisionId = null;
                text.PublishedAt = null;
                text.Version++;
                unpublished.Add(text.Culture);
            }
            var ids = item.Translations.Select(t => t.Id).ToList();
            foreach (var s in await db.ScheduledPublications.Pending().Where(s => ids.Contains(s.TranslationId)).ToListAsync(ct)) s.CancelledAt = now;

            item.RetiredAt = now;
            item.RetiredBy = actor.Name;
            item.RetiredReason = reason;
            ctx.Audit.Record(actor.Name, AuditActions.Retire, Describe(item),
                $"{reason} (unpublished: {(unpublished.Count == 0 ? "none" : string.Join(", ", unpublished))})");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict; // a text was saved or published meanwhile: nothing was retired
            }
            await ctx.EvictReaderCacheAsync(ct);
            return EditResult.Ok();
        }
    }

    /// <summary>An item in the audit log: "story:mazan".</summary>
    internal static string Describe(ContentItem item) => $"{item.Kind.ToKebab()}:{item.Key}";
}
