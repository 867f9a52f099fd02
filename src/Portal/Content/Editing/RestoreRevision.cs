using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>Copies an old revision into a new draft (history is never rewritten); it is published like any draft.</summary>
public static class RestoreRevision
{
    public sealed record Command(int RevisionId, int ExpectedVersion);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            var old = await ctx.Db.ContentRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == cmd.RevisionId, ct);
            if (old is null) return EditResult.NotFound;
            var translation = (await ctx.FindAsync(old.TranslationId, ct))!;
            if (!actor.CanEdit(translation.Culture == ctx.SourceCulture)) return EditResult.Forbidden("editor.result.no-editing");
            if (cmd.ExpectedVersion != translation.Version) return EditResult.Conflict;

            var revision = await ctx.CopyAsNewRevisionAsync(old, translation, actor.Name,
                translation.PublishedRevision?.UpdatedOn ?? old.UpdatedOn, translation.PublishedRevision?.ReviewedOn ?? old.ReviewedOn, ct);
            ctx.Db.ContentRevisions.Add(revision);
            await ctx.Db.SaveChangesAsync(ct);
            translation.DraftRevisionId = revision.Id;
            translation.Version++;
            ctx.Audit.Record(actor.Name, AuditActions.RestoreRevision, EditingContext.Describe(translation), $"revision {old.Number} restored as draft {revision.Number}");
            await ctx.Db.SaveChangesAsync(ct);
            return EditResult.Ok(revision.Id);
        }
    }
}
