using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Pages.Editor;

/// <summary>The dashboard: overdue reviews, the items × languages matrix, scheduled publications, safety sign-offs, recent changes.</summary>
public sealed class IndexModel(PortalDbContext db, PortalOptions options, TimeProvider clock) : PageModel
{
    public sealed record Cell(int TranslationId, string State, bool HasDraft);
    public sealed record Row(int ItemId, ContentKind Kind, string Key, string Title, IReadOnlyDictionary<string, Cell> Cells);
    public sealed record Overdue(int ItemId, ContentKind Kind, string Title, DateOnly NextReview);
    public sealed record Pending(int ItemId, string Culture, string Title, int RevisionNumber, DateTimeOffset DueAt, string By);
    public sealed record SignOff(int ItemId, string Culture, string Title, int RevisionId, int RevisionNumber, string Author);
    public sealed record SentBack(int ItemId, string Culture, string Title, int RevisionNumber, string Author, string Reviewer, string Reason);

    public IReadOnlyList<string> Cultures => options.Cultures;
    public IReadOnlyList<Row> Matrix { get; private set; } = [];
    public IReadOnlyList<Overdue> OverdueReviews { get; private set; } = [];
    public IReadOnlyList<Pending> Scheduled { get; private set; } = [];
    public IReadOnlyList<SignOff> AwaitingSignOff { get; private set; } = [];
    public IReadOnlyList<SentBack> SentBackChanges { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var src = options.SourceCulture;
        var translations = await db.ContentTranslations.AsNoTracking().Select(t => new
        {
            t.Id, t.ContentItemId, t.Item.Kind, t.Item.Key, t.Item.SortOrder, t.Culture,
            Published = t.PublishedRevisionId != null,
            HasDraft = t.DraftRevisionId != null && t.DraftRevisionId != t.PublishedRevisionId,
            Title = t.PublishedRevision != null ? t.PublishedRevision.Title : t.DraftRevision!.Title,
            SourceNumber = (int?)t.PublishedRevision!.SourceRevision!.Number,
            HumanReviewed = (bool?)t.PublishedRevision!.HumanReviewed,
            Fields = t.PublishedRevision != null ? t.PublishedRevision.Fields : null,
            LastMajor = t.Revisions.Where(r => r.IsMajor && r.Number <= t.PublishedRevision!.Number).Max(r => (int?)r.Number),
        }).ToListAsync(ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Matrix = translations.GroupBy(t => t.ContentItemId)
            .Select(g =>
            {
                var source = g.FirstOrDefault(t => t.Culture == src);
                var cells = new Dictionary<string, Cell>();
                foreach (var t in g)
                {
                    var state = !t.Published ? (t.HasDraft ? "draft" : "missing")
                        : t.Culture == src ? "uptodate"
                        : t.SourceNumber < (source?.LastMajor ?? 0) ? "outdated"
                        : t.HumanReviewed == false ? "unreviewed" : "uptodate";
                    cells[t.Culture] = new Cell(t.Id, state, t.HasDraft);
                }
                var first = g.First();
                return new Row(first.ContentItemId, first.Kind, first.Key, source?.Title ?? first.Title, cells);
            })
            .OrderBy(r => r.Kind).ThenBy(r => r.Title, StringComparer.CurrentCulture).ToList();

        OverdueReviews = translations.Where(t => t.Culture == src)
            .Select(t => (t, next: t.Fields switch { CountryGuideFields g => g.NextReview, SafetyFields s => s.NextReview, _ => null }))
            .Where(x => x.next is { } n && n < today)
            .Select(x => new Overdue(x.t.ContentItemId, x.t.Kind, x.t.Title, x.next!.Value)).ToList();

        Scheduled = await db.ScheduledPublications.AsNoTracking().Pending().OrderBy(s => s.DueAt)
            .Select(s => new Pending(s.Translation.ContentItemId, s.Translation.Culture, s.Revision.Title, s.Revision.Number, s.DueAt, s.CreatedBy)).ToListAsync(ct);

        // Every language's pending drafts of safety assessments (today only a source revision can need sign-off).
        var safetyDrafts = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.Kind == ContentKind.SafetyAssessment && t.DraftRevisionId != null && t.DraftRevisionId != t.PublishedRevisionId)
            .Select(t => new
            {
                t.ContentItemId, t.Culture, Draft = t.DraftRevision!, Published = t.PublishedRevision,
                Review = db.SafetyReviews.Where(a => a.RevisionId == t.DraftRevisionId).OrderBy(a => a.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var pending = safetyDrafts.Where(d => SafetyRules.NeedsApproval(d.Culture, src, d.Draft.Fields, d.Published?.Fields)).ToList();
        AwaitingSignOff = pending.Where(d => d.Review is null)
            .Select(d => new SignOff(d.ContentItemId, d.Culture, d.Draft.Title, d.Draft.Id, d.Draft.Number, d.Draft.CreatedBy)).ToList();
        SentBackChanges = pending.Where(d => d.Review is { Decision: SafetyDecision.SentBack })
            .Select(d => new SentBack(d.ContentItemId, d.Culture, d.Draft.Title, d.Draft.Number, d.Draft.CreatedBy, d.Review!.ReviewedBy, d.Review.Comment ?? "")).ToList();

        Recent = await db.AuditEntries.AsNoTracking().Where(a => a.Action != AuditActions.SignIn && a.Action != AuditActions.SignInFailed && a.Action != AuditActions.SignOut)
            .OrderByDescending(a => a.Id).Take(15).ToListAsync(ct);
    }
}
