using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// The second person of the two-person rule: a Safety reviewer who did not write the revision approves exactly that
/// revision, with an optional comment. The approval is recorded with it; unless the revision is scheduled, approving
/// publishes it, in every language at once (readers of every language get the source's levels).
/// </summary>
public static class ApproveSafety
{
    public sealed record Command(int RevisionId, string? Comment = null);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (cmd.Comment?.Length > SafetyReview.MaxComment) return EditResult.Invalid("editor.result.comment-too-long", SafetyReview.MaxComment);
            var (pending, refusal) = await PendingSafetyChange.FindAsync(ctx, cmd.RevisionId, actor, ct);
            if (pending is null) return refusal!;
            var (translation, revision, scheduled) = pending;
            var comment = string.IsNullOrWhiteSpace(cmd.Comment) ? null : cmd.Comment.Trim();
            // Approving publishes (unless scheduled): what publishing checks is said before the approval is recorded.
            if (!scheduled && translation.Item.RetiredAt is null && await Publish.GoLiveProblemAsync(ctx, translation, revision, ct) is { } problem) return problem;

            ctx.Db.SafetyReviews.Add(new SafetyReview
            {
                RevisionId = revision.Id, Decision = SafetyDecision.Approved, Comment = comment, ReviewedBy = actor.Name, ReviewedAt = ctx.Now,
            });
            ctx.Audit.Record(actor.Name, AuditActions.Approve, EditingContext.Describe(translation),
                $"revision {revision.Number} (author {revision.CreatedBy}){(comment is null ? "" : ": " + comment)}");
            await ctx.Db.SaveChangesAsync(ct);

            // A pending revision is never the one readers have (PendingSafetyChange.Awaits); a retired item's approved revision waits for a restore.
            if (!scheduled && translation.Item.RetiredAt is null)
                await Publish.PublishAsync(ctx, translation, revision, actor.Name, AuditActions.Publish, ct);
            return EditResult.Ok(revision.Id);
        }
    }
}
