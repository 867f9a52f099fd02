using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>Makes a revision the one readers see, records it, and evicts the reader cache so the next request shows it.</summary>
public static class Publish
{
    public sealed record Command(int TranslationId, int RevisionId, int? ExpectedVersion = null);

    /// <summary>Publish and Schedule's refusal while the item is retired (<see cref="Retire"/>).</summary>
    internal const string RetiredMessage = "editor.result.retired-no-publish";

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            var translation = await ctx.FindAsync(cmd.TranslationId, ct);
            if (translation is null) return EditResult.NotFound;
            var isSource = translation.Culture == ctx.SourceCulture;
            if (!actor.CanPublish(isSource))
                return EditResult.Forbidden(isSource ? "editor.result.publish-source-editors-only" : "editor.result.no-publishing-translations");
            if (cmd.ExpectedVersion is { } v && v != translation.Version) return EditResult.Conflict;
            if (translation.Item.RetiredAt is not null) return EditResult.Invalid(RetiredMessage);

            var revision = await ctx.Db.ContentRevisions.SingleOrDefaultAsync(r => r.Id == cmd.RevisionId && r.TranslationId == translation.Id, ct);
            if (revision is null) return EditResult.NotFound;
            if (translation.PublishedRevisionId == revision.Id) return EditResult.NothingChanged(revision.Id, "editor.result.publish-unchanged");

            if (await GoLiveProblemAsync(ctx, translation, revision, ct) is { } problem) return problem;
            var gate = await CheckTwoPersonRuleAsync(ctx, translation, revision, ct);
            if (gate is not null) return gate;

            try
            {
                await PublishAsync(ctx, translation, revision, actor.Name, AuditActions.Publish, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict; // someone saved or published this text in the meantime (its Version moved)
            }
            return EditResult.Ok(revision.Id);
        }
    }

    /// <summary>A story goes live only with its consent on record for this language and not ended (workspace, API, scheduler).</summary>
    internal static EditResult? ConsentProblem(EditingContext ctx, ContentTranslation translation, ContentRevision revision)
        => StoryRules.PublishProblem(revision.Fields, translation.Culture, ctx.Today) is { } problem ? EditResult.Invalid([problem]) : null;

    /// <summary>
    /// Null when the revision may go live as far as its content goes (a story's consent, the media its body names);
    /// otherwise why not. Shared by Publish, Schedule, the scheduler, Approve and restore; import asks the same two checks.
    /// </summary>
    internal static async Task<EditResult?> GoLiveProblemAsync(EditingContext ctx, ContentTranslation translation, ContentRevision revision, CancellationToken ct)
        => ConsentProblem(ctx, translation, revision)
           ?? await Media.MediaChecks.PublishProblemAsync(ctx.Db, revision.BodyMarkdown, revision.Fields, ctx.SourceCulture, ct);

    /// <summary>Null when the revision may go live; otherwise why not. Shared by Publish, Schedule's publisher and Approve.</summary>
    internal static async Task<EditResult?> CheckTwoPersonRuleAsync(EditingContext ctx, ContentTranslation translation, ContentRevision revision, CancellationToken ct)
    {
        if (!SafetyRules.NeedsApproval(translation.Culture, ctx.SourceCulture, revision.Fields, translation.PublishedRevision?.Fields)) return null;
        var approved = await ctx.Db.SafetyReviews.AnyAsync(a => a.RevisionId == revision.Id && a.Decision == SafetyDecision.Approved && a.ReviewedBy != revision.CreatedBy, ct);
        return approved ? null : new EditResult(EditOutcome.AwaitingApproval, "editor.result.awaiting-approval");
    }

    internal static async Task PublishAsync(EditingContext ctx, ContentTranslation translation, ContentRevision revision, string actor, string action, CancellationToken ct)
    {
        var now = ctx.Now;
        var republished = translation.PublishedRevisionId is not null;
        translation.PublishedRevisionId = revision.Id;
        translation.PublishedAt = now;
        if (translation.DraftRevisionId is null || translation.DraftRevisionId < revision.Id) translation.DraftRevisionId = revision.Id;
        translation.Version++;
        ctx.Db.ContentPublications.Add(new ContentPublication { TranslationId = translation.Id, RevisionId = revision.Id, Action = PublicationAction.Published, At = now, By = actor });

        // A pending schedule of this or an older revision would roll readers back: it is done now.
        var superseded = await ctx.Db.ScheduledPublications.Pending()
            .Where(s => s.TranslationId == translation.Id && s.Revision.Number <= revision.Number)
            .ToListAsync(ct);
        foreach (var s in superseded) s.CancelledAt = now;

        ctx.Audit.Record(actor, action, EditingContext.Describe(translation),
            $"revision {revision.Number}{(revision.IsMajor ? " (major)" : "")}{(revision.ChangeNote is null ? "" : ": " + revision.ChangeNote)}");
        await ctx.Db.SaveChangesAsync(ct);
        await ctx.EvictPublishedAsync(translation, republished, ct);
    }
}
