using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// Deletes an item that readers never saw: no text of it was ever published in any language (the publication log is
/// empty). Its drafts, reviews and schedules go with it; the audit log keeps that it existed. Anything ever published
/// is retired instead, so its history stays.
/// </summary>
public static class DeleteItem
{
    public sealed record Command(int ItemId);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return EditResult.Forbidden("editor.result.delete-editors-only");
            var db = ctx.Db;
            var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == cmd.ItemId, ct);
            if (item is null) return EditResult.NotFound;
            var texts = db.ContentTranslations.Where(t => t.ContentItemId == item.Id);
            if (await db.ContentPublications.AnyAsync(p => p.Translation.ContentItemId == item.Id, ct))
                return EditResult.Invalid("editor.result.delete-published");
            var title = await texts.Where(t => t.Culture == ctx.SourceCulture).Select(t => t.DraftRevision!.Title).FirstOrDefaultAsync(ct);

            // Foreign keys are Restrict throughout: unhook the pointers, then delete from the leaves up, in one transaction.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var revisions = db.ContentRevisions.Where(r => r.Translation.ContentItemId == item.Id);
            await texts.ExecuteUpdateAsync(t => t.SetProperty(x => x.DraftRevisionId, (int?)null).SetProperty(x => x.PublishedRevisionId, (int?)null), ct);
            await db.SafetyReviews.Where(a => a.Revision.Translation.ContentItemId == item.Id).ExecuteDeleteAsync(ct);
            await db.ScheduledPublications.Where(s => s.Translation.ContentItemId == item.Id).ExecuteDeleteAsync(ct);
            await revisions.Where(r => r.SourceRevisionId != null).ExecuteDeleteAsync(ct); // translations point at the source's revisions
            await revisions.ExecuteDeleteAsync(ct);
            await texts.ExecuteDeleteAsync(ct);
            await db.ContentOldSlugs.Where(o => o.ContentItemId == item.Id).ExecuteDeleteAsync(ct);
            await db.ContentItems.Where(i => i.Id == item.Id).ExecuteDeleteAsync(ct);
            ctx.Audit.Record(actor.Name, AuditActions.DeleteItem, Retire.Describe(item), title is null ? "never published" : $"never published: \"{title}\"");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return EditResult.Ok();
        }
    }
}
