using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content.Markdown;
using Portal.Data;

namespace Portal.Content.Editing;

/// <summary>Saves the form as a new immutable draft revision; as often as needed, never overwriting anything.</summary>
public static partial class SaveDraft
{
    /// <param name="ExpectedVersion">The translation's Version when the form was loaded (no lost update).</param>
    /// <param name="SourceRevisionId">For translations: the source revision shown beside the form, which this text translates.</param>
    public sealed record Command(
        int ItemId, string Culture, int ExpectedVersion, string Title, string Summary, string BodyMarkdown,
        ContentFields? Fields, bool IsMajor, string? ChangeNote, int? SourceRevisionId, bool HumanReviewed, string? Slug = null);

    public sealed partial class Handler(EditingContext ctx, MarkdownRenderer renderer, PortalOptions options, ILogger<Handler> logger)
    {
        /// <summary>
        /// Saves, or says why not. Two saves of the same version at once both compute the same next revision number; the
        /// unique index on it refuses the slower one, which is a conflict like any other (not a 500). A full disk or an
        /// unreachable database is "not saved", with the user's text kept by the caller.
        /// </summary>
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            try
            {
                return await SaveAsync(cmd, actor, ct);
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException && DatabaseFault.Classify(ex) is var fault
                && (fault == DatabaseFaultKind.Duplicate || DatabaseFault.IsTemporary(fault)))
            {
                ctx.Db.ChangeTracker.Clear();
                if (fault == DatabaseFaultKind.Duplicate) return EditResult.Conflict;
                NotSaved(logger, ex, DatabaseFault.Describe(fault)!);
                return EditResult.NotSaved(fault);
            }
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "A draft was not saved: {Cause}")]
        private static partial void NotSaved(ILogger logger, Exception exception, string cause);

        private async Task<EditResult> SaveAsync(Command cmd, Actor actor, CancellationToken ct)
        {
            var db = ctx.Db;
            var isSource = cmd.Culture == ctx.SourceCulture;
            if (!options.Cultures.Contains(cmd.Culture)) return EditResult.NotFound;
            if (!actor.CanEdit(isSource))
                return EditResult.Forbidden(isSource ? "editor.result.source-editors-only" : "editor.result.no-translating");

            var item = await db.ContentItems.SingleOrDefaultAsync(i => i.Id == cmd.ItemId, ct);
            if (item is null) return EditResult.NotFound;

            ContentRevision? source = null;
            if (!isSource)
            {
                source = await db.ContentRevisions.SingleOrDefaultAsync(r => r.Id == cmd.SourceRevisionId && r.Translation.ContentItemId == item.Id && r.Translation.Culture == ctx.SourceCulture, ct);
                if (source is null) return EditResult.Invalid("editor.result.translation-needs-source");
            }
            // The one set of rules, whoever sends the draft (workspace form, management API). A translation's facts
            // (levels, dates, addresses…) always follow the source; it only carries its own wording.
            var (fields, errors) = FieldValidation.CheckDraft(item.Kind, cmd.Title, cmd.Summary, cmd.BodyMarkdown, cmd.ChangeNote, cmd.IsMajor,
                isSource ? cmd.Fields : ContentFacts.ForTranslation(source!.Fields, cmd.Fields));
            if (errors.Count > 0) return EditResult.Invalid(errors);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var translation = await db.ContentTranslations.Include(t => t.PublishedRevision)
                .SingleOrDefaultAsync(t => t.ContentItemId == item.Id && t.Culture == cmd.Culture, ct);
            if (translation is null)
            {
                // A language that has no translation yet: its first draft creates it.
                var sourceSlug = await db.ContentTranslations.Where(t => t.ContentItemId == item.Id && t.Culture == ctx.SourceCulture).Select(t => t.Slug).SingleAsync(ct);
                translation = new ContentTranslation { ContentItemId = item.Id, Culture = cmd.Culture, Kind = item.Kind, Slug = cmd.Slug ?? sourceSlug };
                db.ContentTranslations.Add(translation);
                if (cmd.ExpectedVersion != 0) return EditResult.Conflict;
                await db.SaveChangesAsync(ct);
            }
            else if (translation.Version != cmd.ExpectedVersion)
            {
                return EditResult.Conflict;
            }

            var published = translation.PublishedRevision;
            var body = NormalizeNewlines(cmd.BodyMarkdown);
            var rendered = renderer.Render(body, cmd.Culture, await Media.MediaFigures.LoadAsync(ctx.Db, body, cmd.Culture, ctx.SourceCulture, ct));
            var revision = new ContentRevision
            {
                TranslationId = translation.Id,
                Number = await ctx.NextNumberAsync(translation.Id, ct),
                Title = cmd.Title.Trim(),
                Summary = cmd.Summary.Trim(),
                BodyMarkdown = body,
                BodyHtml = rendered.Html,
                Outline = rendered.Outline,
                Fields = fields,
                IsMajor = cmd.IsMajor,
                ChangeNote = string.IsNullOrWhiteSpace(cmd.ChangeNote) ? null : cmd.ChangeNote.Trim(),
                UpdatedOn = cmd.IsMajor || published is null ? ctx.Today : published.UpdatedOn,
                ReviewedOn = published?.ReviewedOn ?? (ContentKinds.Of(item.Kind).Reviewed ? ctx.Today : null),
                SourceRevisionId = source?.Id,
                HumanReviewed = isSource || cmd.HumanReviewed,
                CreatedBy = actor.Name,
                CreatedAt = ctx.Now,
            };
            if (cmd.IsMajor && published is not null && SameContent(revision, published))
                return EditResult.Invalid("editor.result.major-unchanged"); // nothing for readers to be told about
            if (cmd.IsMajor && revision.ChangeNote is null)
                return EditResult.Invalid("editor.result.major-needs-note");
            db.ContentRevisions.Add(revision);
            await db.SaveChangesAsync(ct);

            translation.DraftRevisionId = revision.Id;
            translation.Version++;
            ctx.Audit.Record(actor.Name, AuditActions.SaveDraft, $"{item.Kind.ToKebab()}:{item.Key}/{cmd.Culture}",
                $"revision {revision.Number} ({(cmd.IsMajor ? "major" : "minor")}){(revision.ChangeNote is null ? "" : ": " + revision.ChangeNote)}");
            try
            {
                await db.SaveChangesAsync(ct); // Version is a concurrency token: a save that raced this one fails here
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict;
            }
            await tx.CommitAsync(ct);
            return EditResult.Ok(revision.Id);
        }

        private static bool SameContent(ContentRevision a, ContentRevision b)
            => a.Title == b.Title && a.Summary == b.Summary && a.BodyMarkdown == b.BodyMarkdown && a.HumanReviewed == b.HumanReviewed
                && JsonSerializer.Serialize(a.Fields) == JsonSerializer.Serialize(b.Fields);

        /// <summary>Browsers post textareas with CRLF; stored text keeps LF like the content files, so diffs show only real changes.</summary>
        public static string NormalizeNewlines(string? text) => (text ?? "").Replace("\r\n", "\n");
    }
}
