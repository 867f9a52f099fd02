using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content.Markdown;
using Portal.Data;

namespace Portal.Content.Editing;

/// <summary>
/// A new item, written in the source language as its first draft revision: a support point, a story, a page, or a
/// country (its guide and its safety assessment together, every dimension at "individual"). Key and slug come from the
/// title unless given, follow the content files' rules (<see cref="Slugs"/>) and must be unused. Published later, through
/// <see cref="Publish"/> and its rules (a new safety assessment needs a Safety reviewer's sign-off).
/// </summary>
public static class CreateItem
{
    public sealed record Text(string? Title, string? Summary, string? Body, ContentFields? Fields);

    /// <param name="Safety">For a country guide: its safety assessment's text (its levels are set here); default <see cref="NewSafety"/>.</param>
    public sealed record Command(ContentKind Kind, string? Key, string? Slug, Text Source, Text? Safety = null);

    /// <summary>The key of a country's safety assessment, from the guide's key (guinea → guinea-safety, as the content files have it).</summary>
    public static string SafetyKey(string guideKey) => guideKey + "-safety";

    /// <summary>
    /// The safety assessment a new country starts with: no general assessment yet, every dimension "individual" (talk to
    /// a counsellor), in the words of the shipped countries' assessments. An editor changes the wording before saving.
    /// </summary>
    public static Text NewSafety(string country, string countryCode, string guideKey, DateOnly today, DateOnly? nextReview)
    {
        SafetyDimension Dimension(string what, string means) => new(SafetyLevel.Individual,
            "Nog geen algemene beoordeling. Dit hangt af van jouw situatie.",
            $"VluchtelingenWerk heeft voor {what} nog geen algemene beoordeling op dit portaal gepubliceerd. {means} "
            + "Of terugkeer voor jou veilig is, hangt af van jouw eigen situatie. Praat met een counselor van een steunpunt voordat je een besluit neemt.");
        return new($"Veiligheid bij terugkeer naar {country}",
            $"Er is op dit portaal nog geen algemene veiligheidsbeoordeling voor {country}. Of terugkeer veilig is, hangt af van jouw situatie: praat met een counselor.",
            "Terugkeer moet veilig zijn. VluchtelingenWerk kijkt daarbij naar drie soorten veiligheid: juridisch, fysiek en materieel.",
            new SafetyFields(countryCode, guideKey, today, nextReview ?? today.AddMonths(3),
                Dimension("juridische veiligheid", "Juridische veiligheid betekent: kun je terugkeren zonder angst voor vervolging of onmenselijke behandeling?"),
                Dimension("fysieke veiligheid", "Fysieke veiligheid gaat over de reis terug: ben je onderweg veilig, ook tegen gewapende aanvallen?"),
                Dimension("materiële veiligheid", "Materiële veiligheid betekent: kun je het land in, en kun je er een inkomen verdienen om van te leven?"),
                []));
    }

    public sealed class Handler(EditingContext ctx, MarkdownRenderer renderer)
    {
        /// <returns>Ok with the first draft revision, and the new item's id; or the problems, each at its path (safety.* for a country's assessment).</returns>
        public async Task<(EditResult Result, int? ItemId)> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanEdit(isSource: true)) return (EditResult.Forbidden("editor.result.create-editors-only"), null);
            if (cmd.Kind == ContentKind.SafetyAssessment)
                return (EditResult.Invalid("editor.result.create-safety-with-country"), null);
            var db = ctx.Db;
            var errors = new List<FieldError>();

            var key = string.IsNullOrWhiteSpace(cmd.Key) ? Slugs.FromTitle(cmd.Source.Title) : cmd.Key.Trim();
            var slug = string.IsNullOrWhiteSpace(cmd.Slug) ? key : cmd.Slug.Trim();
            if (!Slugs.IsValid(key)) errors.Add(new("key", "editor.error.slug"));
            else if (await db.ContentItems.AnyAsync(i => i.Kind == cmd.Kind && i.Key == key, ct)) errors.Add(new("key", "editor.error.key-taken"));
            if (!Slugs.IsValid(slug)) errors.Add(new("slug", "editor.error.slug"));
            else if ((cmd.Kind == ContentKind.Page && Slugs.ReservedPageSlugs.Contains(slug))
                || await db.ContentTranslations.AnyAsync(t => t.Kind == cmd.Kind && t.Culture == ctx.SourceCulture && t.Slug == slug, ct))
                errors.Add(new("slug", "editor.error.slug-taken"));

            var (fields, textErrors) = FieldValidation.CheckDraft(cmd.Kind, cmd.Source.Title, cmd.Source.Summary, cmd.Source.Body, null, false, cmd.Source.Fields);
            errors.AddRange(textErrors);
            if (fields is StoryFields story && !await db.ContentItems.AnyAsync(i => i.Kind == ContentKind.CountryGuide && i.Key == story.GuideKey, ct))
                errors.Add(new("fields.guideKey", "editor.error.guide-unknown"));

            // A country: its safety assessment with the guide's country and key, every level "individual" whatever was sent.
            Text? safety = null;
            ContentFields? safetyFields = null;
            if (fields is CountryGuideFields guide)
            {
                var given = cmd.Safety ?? NewSafety((cmd.Source.Title ?? "").Trim(), guide.CountryCode, key, ctx.Today, guide.NextReview);
                var dims = given.Fields as SafetyFields ?? (SafetyFields)NewSafety("", "", "", ctx.Today, null).Fields!;
                SafetyDimension Individual(SafetyDimension d) => d with { Level = SafetyLevel.Individual };
                safety = given with
                {
                    Fields = dims with
                    {
                        CountryCode = guide.CountryCode, GuideKey = key,
                        Legal = Individual(dims.Legal), Physical = Individual(dims.Physical), Material = Individual(dims.Material),
                    },
                };
                var (checkedSafety, safetyErrors) = FieldValidation.CheckDraft(ContentKind.SafetyAssessment, safety.Title, safety.Summary, safety.Body, null, false, safety.Fields);
                errors.AddRange(safetyErrors.Select(e => e with { Path = "safety." + e.Path }));
                safetyFields = checkedSafety;
                var safetyKey = SafetyKey(key);
                if (await db.ContentItems.AnyAsync(i => i.Kind == ContentKind.SafetyAssessment && i.Key == safetyKey, ct)
                    || await db.ContentTranslations.AnyAsync(t => t.Kind == ContentKind.SafetyAssessment && t.Culture == ctx.SourceCulture && t.Slug == safetyKey, ct))
                    errors.Add(new("key", "editor.error.key-taken"));
            }
            if (errors.Count > 0) return (EditResult.Invalid(errors), null);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            ContentItem item;
            try
            {
                item = await AddAsync(cmd.Kind, key, slug, cmd.Source, fields, actor, ct);
                if (safety is not null) await AddAsync(ContentKind.SafetyAssessment, SafetyKey(key), SafetyKey(key), safety, safetyFields, actor, ct);
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DatabaseFault.Classify(ex) == DatabaseFaultKind.Duplicate)
            {
                // Someone created the same key or slug in the meantime (unique indexes): nothing was written.
                return (EditResult.Invalid([new("slug", "editor.error.slug-taken")]), null);
            }
            await tx.CommitAsync(ct);
            return (EditResult.Ok(item.Translations[0].DraftRevisionId), item.Id);
        }

        private async Task<ContentItem> AddAsync(ContentKind kind, string key, string slug, Text text, ContentFields? fields, Actor actor, CancellationToken ct)
        {
            var item = new ContentItem
            {
                Kind = kind, Key = key, CreatedAt = ctx.Now,
                CountryCode = fields switch { CountryGuideFields g => g.CountryCode, SafetyFields s => s.CountryCode, StoryFields s => s.CountryCode, _ => null },
            };
            var translation = new ContentTranslation { Item = item, Culture = ctx.SourceCulture, Kind = kind, Slug = slug };
            item.Translations.Add(translation);
            ctx.Db.ContentItems.Add(item);
            var body = SaveDraft.Handler.NormalizeNewlines(text.Body);
            var rendered = renderer.Render(body, ctx.SourceCulture, await Media.MediaFigures.LoadAsync(ctx.Db, body, ctx.SourceCulture, ctx.SourceCulture, ct));
            var revision = new ContentRevision
            {
                Translation = translation, Number = 1,
                Title = text.Title!.Trim(), Summary = text.Summary!.Trim(), BodyMarkdown = body, BodyHtml = rendered.Html, Outline = rendered.Outline,
                Fields = fields, UpdatedOn = ctx.Today, ReviewedOn = ContentKinds.Of(kind).Reviewed ? ctx.Today : null,
                HumanReviewed = true, CreatedBy = actor.Name, CreatedAt = ctx.Now,
            };
            ctx.Db.ContentRevisions.Add(revision);
            // The revision first, then the translation's pointer to it (they point at each other: two saves, one transaction).
            await ctx.Db.SaveChangesAsync(ct);
            translation.DraftRevisionId = revision.Id;
            translation.Version = 1;
            ctx.Audit.Record(actor.Name, AuditActions.Create, $"{kind.ToKebab()}:{key}/{ctx.SourceCulture}", $"revision 1: {revision.Title}");
            return item;
        }
    }
}
