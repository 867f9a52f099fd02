using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// A Safety reviewer returns a safety-level change to its author with a reason. Nothing is published; the author sees
/// the reason on the dashboard and on the item, and a new revision asks for sign-off again.
/// </summary>
public static class SendBackSafety
{
    public sealed record Command(int RevisionId, string? Reason);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(cmd.Reason)) return EditResult.Invalid("editor.result.reason-required");
            if (cmd.Reason.Length > SafetyReview.MaxComment) return EditResult.Invalid("editor.result.reason-too-long", SafetyReview.MaxComment);
            var (pending, refusal) = await PendingSafetyChange.FindAsync(ctx, cmd.RevisionId, actor, ct);
            if (pending is null) return refusal!;
            var (translation, revision, _) = pending;
            var reason = cmd.Reason.Trim();

            ctx.Db.SafetyReviews.Add(new SafetyReview
            {
                RevisionId = revision.Id, Decision = SafetyDecision.SentBack, Comment = reason, ReviewedBy = actor.Name, ReviewedAt = ctx.Now,
            });
            // A schedule of the returned revision would wait for an approval that will not come.
            foreach (var s in ctx.Db.ScheduledPublications.Pending().Where(s => s.RevisionId == revision.Id))
                s.CancelledAt = ctx.Now;
            ctx.Audit.Record(actor.Name, AuditActions.SendBack, EditingContext.Describe(translation),
                $"revision {revision.Number} (author {revision.CreatedBy}): {reason}");
            await ctx.Db.SaveChangesAsync(ct);
            return EditResult.Ok(revision.Id);
        }
    }
}
