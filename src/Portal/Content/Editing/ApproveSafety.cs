using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// The second person of the two-person rule: a Safety reviewer who did not write the revision approves exactly that
/// revision. The approval is recorded with it; unless the revision is scheduled, approving publishes it.
/// </summary>
public static class ApproveSafety
{
    public sealed record Command(int RevisionId);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.IsIn(Roles.SafetyReviewer)) return EditResult.Forbidden("Only a Safety reviewer can approve a safety-level change.");
            var revision = await ctx.Db.ContentRevisions.SingleOrDefaultAsync(r => r.Id == cmd.RevisionId, ct);
            if (revision is null) return EditResult.NotFound;
            if (revision.CreatedBy == actor.Name) return EditResult.Forbidden("You wrote this revision: another Safety reviewer must approve it.");
            var translation = (await ctx.FindAsync(revision.TranslationId, ct))!;
            if (!SafetyRules.ChangesLevels(revision.Fields, translation.PublishedRevision?.Fields))
                return EditResult.Invalid("This revision changes no safety level; it needs no approval.");

            ctx.Db.SafetyApprovals.Add(new SafetyApproval { RevisionId = revision.Id, ApprovedBy = actor.Name, ApprovedAt = ctx.Now });
            ctx.Audit.Record(actor.Name, AuditActions.Approve, EditingContext.Describe(translation), $"revision {revision.Number} (author {revision.CreatedBy})");
            await ctx.Db.SaveChangesAsync(ct);

            var scheduled = await ctx.Db.ScheduledPublications.AnyAsync(s => s.RevisionId == revision.Id && s.PublishedAt == null && s.CancelledAt == null, ct);
            if (!scheduled && translation.PublishedRevisionId != revision.Id)
                await Publish.PublishAsync(ctx, translation, revision, actor.Name, AuditActions.Publish, ct);
            return EditResult.Ok(revision.Id);
        }
    }
}
