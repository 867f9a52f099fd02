using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>Takes a translation off the reader site (its revisions stay); readers get the source text or a 404.</summary>
public static class Unpublish
{
    public sealed record Command(int TranslationId, int? ExpectedVersion = null, string? Reason = null);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            var translation = await ctx.FindAsync(cmd.TranslationId, ct);
            if (translation is null) return EditResult.NotFound;
            if (!actor.CanPublish(translation.Culture == ctx.SourceCulture)) return EditResult.Forbidden("editor.result.no-unpublishing");
            if (cmd.ExpectedVersion is { } v && v != translation.Version) return EditResult.Conflict;
            if (translation.PublishedRevisionId is null) return EditResult.Invalid("editor.result.not-published");

            try
            {
                await UnpublishAsync(ctx, translation, actor.Name, cmd.Reason, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict; // someone saved or published this text in the meantime (its Version moved)
            }
            return EditResult.Ok();
        }
    }

    internal static async Task UnpublishAsync(EditingContext ctx, ContentTranslation translation, string actor, string? reason, CancellationToken ct)
    {
        var revisionId = translation.PublishedRevisionId;
        translation.PublishedRevisionId = null;
        translation.PublishedAt = null;
        translation.Version++;
        ctx.Db.ContentPublications.Add(new ContentPublication { TranslationId = translation.Id, RevisionId = revisionId, Action = PublicationAction.Unpublished, At = ctx.Now, By = actor });
        ctx.Audit.Record(actor, AuditActions.Unpublish, EditingContext.Describe(translation), reason);
        await ctx.Db.SaveChangesAsync(ct);
        await ctx.EvictPublishedAsync(translation, republishedTranslation: false, ct);
    }
}
