using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Content.Markdown;
using Portal.Data;

namespace Portal.Content.Import;

public sealed record ImportResult(int ItemsCreated, int TranslationsCreated, int RevisionsCreated, int Unchanged);

/// <summary>
/// Brings the database in line with the content files, in one transaction. A file whose text or fields
/// differ from the published revision becomes a new published revision (major when its 'updated' date
/// moved); an unchanged file changes nothing, so a second import is a no-op.
/// </summary>
public sealed partial class ContentImporter(PortalDbContext db, MarkdownRenderer renderer, PortalOptions options, TimeProvider clock, ReaderCache readerCache,
    Media.MediaPages mediaPages, Media.MediaStore mediaStore, Microsoft.Extensions.Localization.IStringLocalizerFactory? strings = null)
{
    public const string ImportUser = "import";

    public Task<ImportResult> ImportAsync(IReadOnlyList<ContentFile> files, CancellationToken ct = default) => ImportAsync(files, [], ct);

    /// <param name="media">The folder's media items: imported first, in the same transaction, as the texts' bodies name them.</param>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<ContentFile> files, IReadOnlyList<Media.MediaFolderItem> media, CancellationToken ct = default)
    {
        var problems = new List<ContentProblem>();
        int itemsCreated = 0, translationsCreated = 0, revisionsCreated = 0, unchanged = 0, published = 0, renamed = 0;
        var now = clock.GetUtcNow();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var mediaChanged = await Media.MediaImport.ImportAsync(db, mediaStore, media, now, problems, strings, ct);
        if (problems.Count > 0) throw new ContentImportException(problems);
        var items = await db.ContentItems
            .Include(i => i.Translations).ThenInclude(t => t.Revisions)
            .AsSplitQuery()
            .ToListAsync(ct);
        var oldSlugs = await db.ContentOldSlugs.ToListAsync(ct);

        // Source texts first: translations point at the source revision they were made from.
        foreach (var pass in new[] { true, false })
        {
            var created = new List<(ContentTranslation Translation, ContentRevision Revision, ContentFile File)>();
            // The revision files of one text in number order (an export's key.nl.r1.md before key.nl.md's revision 3).
            foreach (var file in files.Where(f => (f.Culture == options.SourceCulture) == pass)
                .OrderBy(f => RevisionSuffix().Replace(f.Path, ".md"), StringComparer.Ordinal).ThenBy(f => f.Revision ?? int.MaxValue))
            {
                var item = items.SingleOrDefault(i => i.Kind == file.Kind && i.Key == file.Key);
                if (item is null)
                {
                    item = new ContentItem { Kind = file.Kind, Key = file.Key, CreatedAt = now };
                    items.Add(item);
                    db.ContentItems.Add(item);
                    itemsCreated++;
                }
                if (pass && (file.Publish || item.Translations.All(t => t.Culture != file.Culture || t.PublishedRevisionId is null)))
                {
                    item.CountryCode = file.CountryCode;
                    item.SortOrder = file.Order;
                }

                ContentRevision? source = null;
                if (!pass)
                {
                    var sourceTranslation = item.Translations.Single(t => t.Culture == options.SourceCulture);
                    source = sourceTranslation.Revisions.SingleOrDefault(r => r.Number == file.TranslatedFrom);
                    if (source is null)
                    {
                        problems.Add(new(file.Path, file.TranslatedFromLine, $"translated_from {file.TranslatedFrom}: the {options.SourceCulture} text has no revision {file.TranslatedFrom}"));
                        continue;
                    }
                }

                // A translation's facts (levels, dates, addresses…) are the source revision's, whatever its file says: one home.
                var fields = source is null ? file.Fields : ContentFacts.ForTranslation(source.Fields, file.Fields);
                if (file.Publish && StoryRules.PublishProblem(fields, file.Culture, StoryRules.Today(clock)) is { } consent)
                {
                    problems.Add(new(file.Path, 1, $"{consent.Path}: {consent.English(strings)}"));
                    continue;
                }
                // The media checks of every publish: the items it names exist with their Dutch alt text, a story's photo has consent.
                if (file.Publish && await Media.MediaChecks.PublishProblemAsync(db, file.Body, fields, options.SourceCulture, ct) is { } mediaProblem)
                {
                    problems.Add(new(file.Path, 1, new FieldError("body", mediaProblem.Message!, mediaProblem.Arguments ?? []).English(strings)));
                    continue;
                }
                // Retiring took the item from readers in every language at once; a file must not bring it back unnoticed.
                if (file.Publish && item.RetiredAt is not null)
                {
                    problems.Add(new(file.Path, 1, $"{file.Kind.ToKebab()} '{file.Key}' is retired ({item.RetiredReason}): restore it in the workspace first, or drop 'published' from this file"));
                    continue;
                }
                var translation = item.Translations.SingleOrDefault(t => t.Culture == file.Culture);
                if (translation is null)
                {
                    translation = new ContentTranslation { Culture = file.Culture, Kind = file.Kind, Slug = file.Slug, Item = item };
                    item.Translations.Add(translation);
                    translationsCreated++;
                }
                if (translation.Slug != file.Slug)
                {
                    // A new slug in a file is a rename, as in the workspace: the old address keeps leading here (ContentOldSlug),
                    // and a slug that still leads to another item is not free.
                    var held = oldSlugs.FirstOrDefault(o => o.Kind == file.Kind && o.Culture == file.Culture && o.Slug == file.Slug);
                    if (held is not null && held.ContentItemId != item.Id)
                    {
                        problems.Add(new(file.Path, file.SlugLine, $"slug '{file.Slug}' still leads to another {file.Kind.ToKebab()} that was renamed from it; choose another"));
                        continue;
                    }
                    if (held is not null) db.ContentOldSlugs.Remove(held);
                    db.ContentOldSlugs.Add(new ContentOldSlug { Item = item, Kind = file.Kind, Culture = file.Culture, Slug = translation.Slug, MovedAt = now, MovedBy = ImportUser });
                    translation.Slug = file.Slug;
                    renamed++;
                }

                var current = translation.Revisions.MaxBy(r => r.Number);
                if (file.Revision is { } wanted)
                {
                    // An exported revision keeps its number, so that translated_from and "outdated" mean the same afterwards.
                    var same = translation.Revisions.SingleOrDefault(r => r.Number == wanted);
                    if (same is not null)
                    {
                        if (!Matches(same, file, source, fields))
                            problems.Add(new(file.Path, 1, $"revision {wanted} of this text already exists with other content; import into an empty database, or drop 'revision' to add it as a new revision"));
                        else if (file.Publish && translation.PublishedRevisionId != same.Id)
                            created.Add((translation, same, file));
                        else
                            unchanged++;
                        continue;
                    }
                    if (current is not null && wanted < current.Number)
                    {
                        problems.Add(new(file.Path, 1, $"revision {wanted}: this text already has a later revision {current.Number}; import into an empty database, or drop 'revision'"));
                        continue;
                    }
                }
                else if (current is not null && Matches(current, file, source, fields) && translation.PublishedRevisionId == current.Id)
                {
                    unchanged++;
                    continue;
                }

                var rendered = renderer.Render(file.Body, file.Culture, await Media.MediaFigures.LoadAsync(db, file.Body, file.Culture, options.SourceCulture, ct));
                var revision = new ContentRevision
                {
                    Translation = translation,
                    Number = file.Revision ?? (current?.Number ?? 0) + 1,
                    Title = file.Title,
                    Summary = file.Summary,
                    BodyMarkdown = file.Body,
                    BodyHtml = rendered.Html,
                    Outline = rendered.Outline,
                    Fields = fields,
                    IsMajor = file.Major ?? (current is null || current.UpdatedOn != file.Updated),
                    ChangeNote = file.ChangeNote,
                    UpdatedOn = file.Updated,
                    ReviewedOn = file.Reviewed,
                    SourceRevision = source,
                    HumanReviewed = file.HumanReviewed,
                    CreatedBy = ImportUser,
                    CreatedAt = now,
                };
                translation.Revisions.Add(revision);
                created.Add((translation, revision, file));
                revisionsCreated++;
            }

            if (problems.Count > 0) throw new ContentImportException(problems);

            // Insert the revisions first, then move the pointers: a translation and its new revision point at each
            // other, which EF cannot order within one SaveChanges. Both saves share the transaction.
            await db.SaveChangesAsync(ct);
            foreach (var (translation, revision, file) in created)
            {
                translation.DraftRevisionId = translation.Revisions.MaxBy(r => r.Number)!.Id; // the latest revision is the one the editor opens
                translation.Version++;
                var at = file.PublishedAt ?? now;
                if (file.Publish)
                {
                    published++;
                    translation.PublishedRevisionId = revision.Id;
                    translation.PublishedAt = at;
                }
                // key.culture.rN.md is not shown to readers; with 'published' it was once, and stays in the public history.
                if (file.Publish || file.PublishedAt is not null)
                    db.ContentPublications.Add(new ContentPublication { TranslationId = translation.Id, RevisionId = revision.Id, Action = PublicationAction.Published, At = at, By = ImportUser });
            }
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        // Texts already in the database that show an item whose file or alt text the folder changed show the change too.
        foreach (var key in mediaChanged) await mediaPages.RenderAgainAsync(key, ct);
        if (published > 0 || renamed > 0) await readerCache.ChangedAsync(ct); // the next reader request shows it
        return new ImportResult(itemsCreated, translationsCreated, revisionsCreated, unchanged);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static bool Matches(ContentRevision r, ContentFile f, ContentRevision? source, ContentFields? fields) =>
        r.Title == f.Title && r.Summary == f.Summary && r.BodyMarkdown == f.Body && r.ChangeNote == f.ChangeNote
        && r.UpdatedOn == f.Updated && r.ReviewedOn == f.Reviewed && r.HumanReviewed == f.HumanReviewed
        && r.SourceRevisionId == source?.Id
        && JsonSerializer.Serialize(r.Fields, Json) == JsonSerializer.Serialize(fields, Json);

    [System.Text.RegularExpressions.GeneratedRegex(@"\.r[0-9]+\.md$")]
    private static partial System.Text.RegularExpressions.Regex RevisionSuffix();
}
