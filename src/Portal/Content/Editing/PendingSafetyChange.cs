using Microsoft.EntityFrameworkCore;
using Portal.Accounts;

namespace Portal.Content.Editing;

/// <summary>
/// What approving and sending back share: the revision must be the one now waiting for sign-off (the text's draft, or
/// a scheduled revision), change a level, have no decision yet, and be reviewed by a Safety reviewer who did not write it.
/// </summary>
public static class PendingSafetyChange
{
    /// <param name="Scheduled">The revision has a pending schedule: approving leaves its publication to the scheduler.</param>
    public sealed record Found(ContentTranslation Translation, ContentRevision Revision, bool Scheduled);

    /// <summary>
    /// The revision waits for sign-off: it is the text's draft or scheduled, not what readers see, and changes a level
    /// of the source. The review page shows its decision forms on the same rule.
    /// </summary>
    public static bool Awaits(ContentTranslation translation, ContentRevision revision, bool scheduled, string sourceCulture)
        => (translation.DraftRevisionId == revision.Id || scheduled) && translation.PublishedRevisionId != revision.Id
            && SafetyRules.NeedsApproval(translation.Culture, sourceCulture, revision.Fields, translation.PublishedRevision?.Fields);

    /// <summary>Whether the revision has a schedule that is neither published nor cancelled.</summary>
    public static Task<bool> IsScheduledAsync(Data.PortalDbContext db, int revisionId, CancellationToken ct)
        => db.ScheduledPublications.Pending().AnyAsync(s => s.RevisionId == revisionId, ct);

    public static async Task<(Found? Pending, EditResult? Refusal)> FindAsync(EditingContext ctx, int revisionId, Actor actor, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.SafetyReviewer)) return (null, EditResult.Forbidden("editor.result.reviewers-only"));
        var revision = await ctx.Db.ContentRevisions.SingleOrDefaultAsync(r => r.Id == revisionId, ct);
        if (revision is null) return (null, EditResult.NotFound);
        if (revision.CreatedBy == actor.Name) return (null, EditResult.Forbidden("editor.result.own-revision"));
        var translation = (await ctx.FindAsync(revision.TranslationId, ct))!;
        if (!SafetyRules.NeedsApproval(translation.Culture, ctx.SourceCulture, revision.Fields, translation.PublishedRevision?.Fields))
            return (null, EditResult.Invalid("editor.result.no-level-change"));

        var decided = await ctx.Db.SafetyReviews.Where(a => a.RevisionId == revision.Id).Select(a => new { a.Decision, a.ReviewedBy }).FirstOrDefaultAsync(ct);
        if (decided is not null)
            return (null, new EditResult(EditOutcome.Conflict, decided.Decision == SafetyDecision.Approved ? "editor.result.already-approved" : "editor.result.already-sent-back",
                Arguments: [revision.Number, decided.ReviewedBy]));
        var scheduled = await IsScheduledAsync(ctx.Db, revision.Id, ct);
        if (!Awaits(translation, revision, scheduled, ctx.SourceCulture))
            return (null, new EditResult(EditOutcome.Conflict, "editor.result.superseded", Arguments: [revision.Number]));
        return (new Found(translation, revision, scheduled), null);
    }
}
