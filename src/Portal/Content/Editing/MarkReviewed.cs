using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>
/// "Checked against the situation today, nothing to change": a new revision with the same text and a new reviewed
/// date, published at once (revisions are immutable, so even a date moves by a new revision). Translations stay current.
/// </summary>
public static class MarkReviewed
{
    public sealed record Command(int TranslationId, int ExpectedVersion);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            var translation = await ctx.FindAsync(cmd.TranslationId, ct);
            if (translation is null) return EditResult.NotFound;
            if (!actor.CanPublish(translation.Culture == ctx.SourceCulture)) return EditResult.Forbidden("editor.result.no-reviewing");
            if (cmd.ExpectedVersion != translation.Version) return EditResult.Conflict;
            var published = translation.PublishedRevision;
            if (published is null) return EditResult.Invalid("editor.result.review-unpublished");

            var revision = await ctx.CopyAsNewRevisionAsync(published, translation, actor.Name, published.UpdatedOn, ctx.Today, ct);
            ctx.Db.ContentRevisions.Add(revision);
            var keepDraft = translation.DraftRevisionId != translation.PublishedRevisionId; // an unpublished draft stays the draft
            await ctx.Db.SaveChangesAsync(ct);
            var draft = translation.DraftRevisionId;
            await Publish.PublishAsync(ctx, translation, revision, actor.Name, AuditActions.MarkReviewed, ct);
            if (keepDraft)
            {
                translation.DraftRevisionId = draft;
                await ctx.Db.SaveChangesAsync(ct);
            }
            return EditResult.Ok(revision.Id);
        }
    }
}
