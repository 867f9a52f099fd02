using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Content.Editing;

/// <summary>Publishes a revision at a set time; <see cref="ScheduledPublisher"/> carries it out within a minute of that time.</summary>
public static class Schedule
{
    public sealed record Command(int TranslationId, int RevisionId, DateTimeOffset DueAt, int? ExpectedVersion = null);

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            var translation = await ctx.FindAsync(cmd.TranslationId, ct);
            if (translation is null) return EditResult.NotFound;
            if (!actor.CanPublish(translation.Culture == ctx.SourceCulture)) return EditResult.Forbidden("editor.result.no-publishing");
            if (cmd.ExpectedVersion is { } v && v != translation.Version) return EditResult.Conflict;
            if (translation.Item.RetiredAt is not null) return EditResult.Invalid(Publish.RetiredMessage);
            var revision = await ctx.Db.ContentRevisions.SingleOrDefaultAsync(r => r.Id == cmd.RevisionId && r.TranslationId == translation.Id, ct);
            if (revision is null) return EditResult.NotFound;
            if (cmd.DueAt <= ctx.Now) return EditResult.Invalid("editor.result.schedule-in-past");
            if (cmd.DueAt > ctx.Now.AddYears(5)) return EditResult.Invalid("editor.result.schedule-too-far"); // 9999-12-31 is a typo, not a plan
            if (translation.PublishedRevisionId == revision.Id) return EditResult.NothingChanged(revision.Id, "editor.result.schedule-published");
            // Said now, not at the due time: the scheduler would otherwise skip it silently. (Consent may still be recorded before then.)
            if (await Media.MediaChecks.PublishProblemAsync(ctx.Db, revision.BodyMarkdown, revision.Fields, ctx.SourceCulture, ct) is { } media) return media;

            ctx.Db.ScheduledPublications.Add(new ScheduledPublication
            {
                TranslationId = translation.Id, RevisionId = revision.Id, DueAt = cmd.DueAt, CreatedBy = actor.Name, CreatedAt = ctx.Now,
            });
            ctx.Audit.Record(actor.Name, AuditActions.Schedule, EditingContext.Describe(translation), $"revision {revision.Number} at {WorkspaceTime.Format(cmd.DueAt, CultureInfo.InvariantCulture)}");
            await ctx.Db.SaveChangesAsync(ct);
            return EditResult.Ok(revision.Id);
        }
    }
}
