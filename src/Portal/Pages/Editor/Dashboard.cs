using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Pages.Editor;

/// <summary>
/// The dashboard's reads. Each filters, counts and caps (or pages) in the database, so the page costs the same with
/// 2,000 items as with 20: the to-do lists are capped at <see cref="Cap"/>, the matrix is paged by item.
/// </summary>
public sealed class Dashboard(PortalDbContext db, PortalOptions options, TimeProvider clock, DashboardSnapshots snapshots)
{
    public const int Cap = 10;
    public const int PageSize = 50;
    public const int ListPageSize = 100;

    /// <summary>A language of an item as the matrix shows it; <see cref="States"/> are its values.</summary>
    public sealed class Cell
    {
        public int TranslationId { get; init; }
        public int ItemId { get; init; }
        public ContentKind Kind { get; init; }
        public string Key { get; init; } = "";
        public string Culture { get; init; } = "";
        public string? Title { get; init; }
        public string State { get; init; } = "";
        /// <summary>A saved draft readers do not see yet (also beside a published text).</summary>
        public bool HasDraft { get; init; }
    }

    public static readonly string[] States = ["uptodate", "outdated", "unreviewed", "draft", "missing"];

    public sealed record Filter(ContentKind? Kind, IReadOnlyList<string> Languages, string? State, string? Query, int Page);

    public sealed record Row(int ItemId, ContentKind Kind, string Key, string Title, IReadOnlyDictionary<string, Cell> Cells);

    public sealed record Capped<T>(IReadOnlyList<T> Items, int Total);

    public sealed record Due(int ItemId, ContentKind Kind, string Title, DateOnly NextReview);
    public sealed record Pending(int ItemId, string Culture, string Title, int RevisionNumber, DateTimeOffset DueAt, string By);
    public sealed record SignOff(int ItemId, string Culture, string Title, int RevisionId, int RevisionNumber, string Author);
    public sealed record SentBack(int ItemId, string Culture, string Title, int RevisionNumber, string Author, string Reviewer, string Reason);

    /// <summary>
    /// Every translation with its state, as SQL: not published (draft or missing); the source; outdated (made from a
    /// source revision older than the source's latest major update readers see); not reviewed by a human; up to date.
    /// </summary>
    private IQueryable<Cell> Cells()
    {
        var src = options.SourceCulture;
        return db.ContentTranslations.AsNoTracking().Select(t => new Cell
        {
            TranslationId = t.Id,
            ItemId = t.ContentItemId,
            Kind = t.Kind,
            Key = t.Item.Key,
            Culture = t.Culture,
            Title = t.DraftRevision!.Title,
            State = t.PublishedRevisionId == null ? (t.DraftRevisionId != null ? "draft" : "missing")
                : t.Culture == src ? "uptodate"
                // A major revision of the source after the one translated, up to the one readers see.
                : db.ContentRevisions.Any(r => r.TranslationId == t.PublishedRevision!.SourceRevision!.TranslationId && r.IsMajor
                    && r.Number > t.PublishedRevision.SourceRevision!.Number && r.Number <= r.Translation.PublishedRevision!.Number) ? "outdated"
                : !t.PublishedRevision!.HumanReviewed ? "unreviewed" : "uptodate",
            HasDraft = t.DraftRevisionId != null && t.DraftRevisionId != t.PublishedRevisionId,
        });
    }

    /// <summary>One page of the items × languages matrix, and how many items match.</summary>
    public async Task<(IReadOnlyList<Row> Rows, int Total)> MatrixAsync(Filter f, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var items = db.ContentItems.AsNoTracking();
        if (f.Kind is { } kind) items = items.Where(i => i.Kind == kind);
        if (!string.IsNullOrWhiteSpace(f.Query))
        {
            var q = f.Query.Trim().ToLowerInvariant();
            // The title the matrix shows (the source's): titles sit behind the bodies in the revision rows, so searching every
            // language's would read six times as many of them.
            var src = options.SourceCulture;
            items = items.Where(i => i.Key.ToLower().Contains(q) || i.Translations.Any(t => t.Culture == src && t.DraftRevision!.Title.ToLower().Contains(q)));
        }
        var langs = f.Languages.ToList();
        var cells = Cells();
        items = f.State switch
        {
            null => items,
            // No translation at all is missing too: fewer languages with a text than asked for.
            "missing" => items.Where(i => i.Translations.Count(t => langs.Contains(t.Culture) && t.DraftRevisionId != null) < langs.Count),
            "draft" => items.Where(i => cells.Any(c => c.ItemId == i.Id && langs.Contains(c.Culture) && c.HasDraft)),
            var state => items.Where(i => cells.Any(c => c.ItemId == i.Id && langs.Contains(c.Culture) && c.State == state)),
        };
        var total = await items.CountAsync(ct);
        var page = await items.OrderBy(i => i.Kind).ThenBy(i => i.Key).Skip((f.Page - 1) * PageSize).Take(PageSize)
            .Select(i => new { i.Id, i.Kind, i.Key }).ToListAsync(ct);
        var ids = page.Select(i => i.Id).ToList();
        var shown = columns.ToList();
        var found = (await cells.Where(c => ids.Contains(c.ItemId) && shown.Contains(c.Culture)).ToListAsync(ct)).ToLookup(c => c.ItemId);
        var rows = page.Select(i =>
        {
            var mine = found[i.Id].ToDictionary(c => c.Culture);
            var title = mine.GetValueOrDefault(options.SourceCulture)?.Title ?? mine.Values.FirstOrDefault()?.Title ?? i.Key;
            return new Row(i.Id, i.Kind, i.Key, title, mine);
        }).ToList();
        return (rows, total);
    }

    private DateOnly Today => DateOnly.FromDateTime(WorkspaceTime.Local(clock.GetUtcNow()));

    /// <summary>What the kept lists depend on (<see cref="DashboardSnapshots"/>).</summary>
    public async Task<DashboardSnapshots.Stamp> StampAsync(CancellationToken ct) => new(
        await db.ContentRevisions.MaxAsync(r => (int?)r.Id, ct) ?? 0,
        await db.ContentPublications.MaxAsync(p => (int?)p.Id, ct) ?? 0,
        await db.ContentTranslations.CountAsync(ct),
        Today);

    /// <summary>Translations in these languages whose source changed since they were made (the first <see cref="Cap"/>, and how many).</summary>
    public Task<Capped<Cell>> OutdatedAsync(IReadOnlyList<string> languages, DashboardSnapshots.Stamp stamp, CancellationToken ct)
        => snapshots.GetAsync("outdated:" + string.Join(",", languages), stamp, async () =>
        {
            var langs = languages.ToList();
            var outdated = Cells().Where(c => langs.Contains(c.Culture) && c.State == "outdated");
            return new Capped<Cell>(await outdated.OrderBy(c => c.Kind).ThenBy(c => c.Key).ThenBy(c => c.Culture).Take(Cap).ToListAsync(ct),
                await outdated.CountAsync(ct));
        });

    /// <summary>
    /// Guides and assessments past their next review date. The date sits in the revision's JSON fields, so this one
    /// reads it in SQL with each provider's JSON function (loading every assessment's fields to look cost 2 MB a view).
    /// </summary>
    private IQueryable<DueRow> DueRows()
    {
        var nextReview = JsonSql.Text(db, "r.\"Fields\"", "nextReview");
        var kinds = string.Join(", ", ContentKinds.All.Where(k => k.Reviewed).Select(k => (int)k.Kind));
        var today = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Only constants are spliced in (the provider's JSON expression, the kinds' numbers); the values are parameters.
        var sql = $$"""
            SELECT t."ContentItemId" AS "ItemId", t."Kind" AS "Kind", r."Title" AS "Title", {{nextReview}} AS "NextReview"
            FROM "ContentTranslations" AS t JOIN "ContentRevisions" AS r ON r."Id" = t."PublishedRevisionId"
            WHERE t."Culture" = {0} AND t."Kind" IN ({{kinds}}) AND {{nextReview}} < {1}
            """;
        return db.Database.SqlQueryRaw<DueRow>(sql, options.SourceCulture, today);
    }

    public sealed class DueRow
    {
        public int ItemId { get; init; }
        public int Kind { get; init; }
        public string Title { get; init; } = "";
        public string NextReview { get; init; } = "";
    }

    /// <summary>The first <see cref="Cap"/> reviews due (kept while the stamp holds), or a page of them for "show all".</summary>
    public Task<Capped<Due>> ReviewsDueAsync(int skip, int take, DashboardSnapshots.Stamp stamp, CancellationToken ct)
        => skip == 0 && take == Cap ? snapshots.GetAsync("reviews", stamp, () => ReviewsDueAsync(skip, take, ct)) : ReviewsDueAsync(skip, take, ct);

    private async Task<Capped<Due>> ReviewsDueAsync(int skip, int take, CancellationToken ct)
    {
        var rows = await DueRows().OrderBy(d => d.NextReview).ThenBy(d => d.Title).Skip(skip).Take(take).ToListAsync(ct);
        return new(rows.Select(d => new Due(d.ItemId, (ContentKind)d.Kind, d.Title, DateOnly.ParseExact(d.NextReview, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).ToList(),
            await DueRows().CountAsync(ct));
    }

    public async Task<Capped<Pending>> ScheduledAsync(int skip, int take, CancellationToken ct)
    {
        var pending = db.ScheduledPublications.AsNoTracking().Pending();
        var rows = await pending.OrderBy(s => s.DueAt).ThenBy(s => s.Id).Skip(skip).Take(take)
            .Select(s => new Pending(s.Translation.ContentItemId, s.Translation.Culture, s.Revision.Title, s.Revision.Number, s.DueAt, s.CreatedBy)).ToListAsync(ct);
        return new(rows, await pending.CountAsync(ct));
    }

    /// <summary>
    /// Safety changes waiting for a decision and those sent back. Only drafts of assessments that readers do not see yet
    /// are read (a handful), and whether a level changed is decided on their fields, as publishing decides it.
    /// </summary>
    public async Task<(List<SignOff> Awaiting, List<SentBack> SentBack)> SafetyChangesAsync(CancellationToken ct)
    {
        var src = options.SourceCulture;
        var drafts = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.Kind == ContentKind.SafetyAssessment && t.DraftRevisionId != null && t.DraftRevisionId != t.PublishedRevisionId)
            .Select(t => new
            {
                t.ContentItemId, t.Culture, Draft = t.DraftRevision!, PublishedFields = t.PublishedRevision!.Fields,
                Review = db.SafetyReviews.Where(a => a.RevisionId == t.DraftRevisionId).OrderBy(a => a.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var pending = drafts.Where(d => SafetyRules.NeedsApproval(d.Culture, src, d.Draft.Fields, d.PublishedFields))
            .OrderBy(d => d.Draft.CreatedAt).ToList();
        return (
            pending.Where(d => d.Review is null)
                .Select(d => new SignOff(d.ContentItemId, d.Culture, d.Draft.Title, d.Draft.Id, d.Draft.Number, d.Draft.CreatedBy)).ToList(),
            pending.Where(d => d.Review is { Decision: SafetyDecision.SentBack })
                .Select(d => new SentBack(d.ContentItemId, d.Culture, d.Draft.Title, d.Draft.Number, d.Draft.CreatedBy, d.Review!.ReviewedBy, d.Review.Comment ?? "")).ToList());
    }

    public Task<List<AuditEntry>> RecentAsync(CancellationToken ct)
        => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action != AuditActions.SignIn && a.Action != AuditActions.SignInFailed && a.Action != AuditActions.SignOut)
            .OrderByDescending(a => a.Id).Take(Cap).ToListAsync(ct);
}
