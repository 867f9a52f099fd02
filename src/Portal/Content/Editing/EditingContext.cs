using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Data;

namespace Portal.Content.Editing;

/// <summary>
/// What every editing command shares: the database, the clock, the audit log and the reader-cache eviction that
/// makes a publish visible on the next request. Kept small on purpose: the rules live in each command.
/// </summary>
public sealed class EditingContext(PortalDbContext db, TimeProvider clock, AuditLog audit, ReaderCache readerCache, PortalOptions options)
{
    public PortalDbContext Db { get; } = db;
    public AuditLog Audit { get; } = audit;
    public string SourceCulture { get; } = options.SourceCulture;
    public DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>The organisation's day (Amsterdam): dates readers see, and the day a story's consent ends.</summary>
    public DateOnly Today => StoryRules.Today(clock);

    public Task<ContentTranslation?> FindAsync(int translationId, CancellationToken ct)
        => Db.ContentTranslations.Include(t => t.Item).Include(t => t.PublishedRevision).Include(t => t.DraftRevision)
            .SingleOrDefaultAsync(t => t.Id == translationId, ct);

    public async Task<int> NextNumberAsync(int translationId, CancellationToken ct)
        => (await Db.ContentRevisions.Where(r => r.TranslationId == translationId).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;

    /// <summary>The source-language translation's published revision for an item (what translations are made from).</summary>
    public Task<ContentRevision?> SourcePublishedAsync(int itemId, CancellationToken ct)
        => Db.ContentTranslations.Where(t => t.ContentItemId == itemId && t.Culture == SourceCulture)
            .Select(t => t.PublishedRevision).SingleOrDefaultAsync(ct);

    /// <summary>A new revision with another revision's text and fields (revisions are immutable: copying is how a date or a restore moves).</summary>
    public async Task<ContentRevision> CopyAsNewRevisionAsync(ContentRevision from, ContentTranslation translation, string actor, DateOnly updatedOn, DateOnly? reviewedOn, CancellationToken ct) => new()
    {
        TranslationId = translation.Id,
        Number = await NextNumberAsync(translation.Id, ct),
        Title = from.Title, Summary = from.Summary, BodyMarkdown = from.BodyMarkdown, BodyHtml = from.BodyHtml, Outline = from.Outline,
        Fields = from.Fields, IsMajor = false, ChangeNote = null, UpdatedOn = updatedOn, ReviewedOn = reviewedOn,
        SourceRevisionId = from.SourceRevisionId, HumanReviewed = from.HumanReviewed, CreatedBy = actor, CreatedAt = Now,
    };

    public static string Describe(ContentTranslation t) => $"{t.Item.Kind.ToKebab()}:{t.Item.Key}/{t.Culture}";

    public Task EvictReaderCacheAsync(CancellationToken ct) => readerCache.ChangedAsync(ct);

    /// <summary>After a publish or unpublish of <paramref name="translation"/>: evicts only what shows it.</summary>
    public Task EvictPublishedAsync(ContentTranslation translation, bool republishedTranslation, CancellationToken ct)
        => readerCache.PublishedAsync(translation, onlyThisCulture: republishedTranslation && translation.Culture != SourceCulture, ct);
}
