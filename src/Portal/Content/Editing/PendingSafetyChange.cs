using Microsoft.EntityFrameworkCore;
using Portal.Accounts;

namespace Portal.Content.Editing;

/// <summary>
/// What approving and sending back share: the revision must be the one now waiting for sign-off (the text's draft, or
/// a scheduled revision), change a level, have no decision yet, and be reviewed by a Safety reviewer who did not write it.
/// </summary>
internal static class PendingSafetyChange
{
    public sealed record Found(ContentTranslation Translation, ContentRevision Revision);

    public static async Task<(Found? Pending, EditResult? Refusal)> FindAsync(EditingContext ctx, int revisionId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.SafetyReviewer)) return (null, EditResult.Forbidden("Only a Safety reviewer can review a safety-level change."));
        var revision = await ctx.Db.ContentRevisions.SingleOrDefaultAsync(r => r.Id == revisionId, ct);
        if (revision is null) return (null, EditResult.NotFound);
        if (revision.CreatedBy == actor.Name) return (null, EditResult.Forbidden("You wrote this revision: another Safety reviewer must review it."));
        var translation = (await ctx.FindAsync(revision.TranslationId, ct))!;
        if (!SafetyRules.NeedsApproval(translation.Culture, ctx.SourceCulture, revision.Fields, translation.PublishedRevision?.Fields))
            return (null, EditResult.Invalid("This revision changes no safety level; it needs no approval."));

        var decided = await ctx.Db.SafetyReviews.Where(a => a.RevisionId == revision.Id).Select(a => new { a.Decision, a.ReviewedBy }).FirstOrDefaultAsync(ct);
        if (decided is not null)
            return (null, new EditResult(EditOutcome.Conflict, $"Revision {revision.Number} was already {(decided.Decision == SafetyDecision.Approved ? "approved" : "sent back")} by {decided.ReviewedBy}. Nothing was changed."));
        var scheduled = await ctx.Db.ScheduledPublications.AnyAsync(s => s.RevisionId == revision.Id && s.PublishedAt == null && s.CancelledAt == null, ct);
        if (translation.DraftRevisionId != revision.Id && !scheduled)
            return (null, new EditResult(EditOutcome.Conflict, $"Revision {revision.Number} is no longer the one waiting for sign-off: a newer revision was saved since. Nothing was changed; review the newer one."));
        return (new Found(translation, revision), null);
    }
}
