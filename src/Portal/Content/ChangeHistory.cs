using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content;

/// <summary>
/// The public history of major updates, shared by the safety page, the API and the Atom feeds: every major revision of
/// the source text that readers were shown, with its change note in the reader's language where a published translation
/// carries it (else the source's note, with its culture). A translation revision's change note is its translation of the
/// note of the latest major source revision it was made from (translators translate notes with the text).
/// </summary>
public static class ChangeHistory
{
    /// <summary>A major revision in the reader's or the source culture, and when it was first published.</summary>
    public sealed record MajorRevision(int ItemId, string Culture, int Number, DateOnly UpdatedOn, string? ChangeNote, int? SourceNumber, DateTimeOffset? PublishedAt);

    /// <summary>One major update of an item: the source revision's number and date, the note readers get, and when it (or its translated note) went out.</summary>
    public sealed record Entry(int ItemId, int Number, DateOnly Date, string Note, string NoteCulture, DateTimeOffset? Published, DateTimeOffset? Updated);

    /// <summary>One SQL command: the published major revisions of the given items (all items when null) in both cultures.</summary>
    public static Task<List<MajorRevision>> PublishedMajorsAsync(PortalDbContext db, IReadOnlyCollection<int>? itemIds, string culture, string sourceCulture, CancellationToken ct)
    {
        var q = db.ContentRevisions.AsNoTracking()
            .Where(r => (r.IsMajor || (r.SourceRevisionId != null && r.ChangeNote != null))
                && (r.Translation.Culture == culture || r.Translation.Culture == sourceCulture)
                && db.ContentPublications.Any(p => p.RevisionId == r.Id && p.Action == PublicationAction.Published));
        if (itemIds is not null) q = q.Where(r => itemIds.Contains(r.Translation.ContentItemId));
        return q.Select(r => new MajorRevision(
                r.Translation.ContentItemId, r.Translation.Culture, r.Number, r.UpdatedOn, r.ChangeNote,
                r.SourceRevision == null ? null : r.SourceRevision.Number,
                db.ContentPublications.Where(p => p.RevisionId == r.Id && p.Action == PublicationAction.Published)
                    .OrderBy(p => p.Id).Select(p => (DateTimeOffset?)p.At).FirstOrDefault()))
            .ToListAsync(ct);
    }

    /// <summary>Entries per item, newest source revision first.</summary>
    public static IReadOnlyList<Entry> Build(IReadOnlyCollection<MajorRevision> majors, string culture, string sourceCulture)
        => majors.Where(m => m.Culture == sourceCulture).OrderBy(m => m.ItemId).ThenByDescending(m => m.Number)
            .Select(source =>
            {
                // Translations made from this major revision or a minor one after it, before the next major one.
                var next = majors.Where(m => m.ItemId == source.ItemId && m.Culture == sourceCulture && m.Number > source.Number).Min(m => (int?)m.Number) ?? int.MaxValue;
                var translated = culture == sourceCulture ? null : majors
                    .Where(m => m.ItemId == source.ItemId && m.Culture == culture && m.SourceNumber >= source.Number && m.SourceNumber < next
                        && !string.IsNullOrEmpty(m.ChangeNote))
                    .MaxBy(m => m.Number);
                return translated is null
                    ? new Entry(source.ItemId, source.Number, source.UpdatedOn, source.ChangeNote ?? "", sourceCulture, source.PublishedAt, source.PublishedAt)
                    : new Entry(source.ItemId, source.Number, source.UpdatedOn, translated.ChangeNote!, culture, source.PublishedAt,
                        Later(source.PublishedAt, translated.PublishedAt));
            }).ToList();

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
