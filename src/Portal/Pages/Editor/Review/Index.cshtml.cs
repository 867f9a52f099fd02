using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Localization;

namespace Portal.Pages.Editor.Review;

/// <summary>
/// /editor/review/{revision}: what a Safety reviewer signs off. Per dimension the level readers see now and the proposed
/// one in words, a word diff of every text that changed, the change note, the effective date (with a warning when levels
/// change but it does not), who wrote it when; approve with an optional comment, or send back with a reason.
/// </summary>
public sealed class IndexModel(PortalDbContext db, PortalOptions options, IServiceProvider services, IStringLocalizer<IndexModel> t) : PageModel
{
    public sealed record LevelChange(string Dimension, SafetyLevel Before, SafetyLevel After)
    {
        public bool Changed => Before != After;
    }

    public sealed record TextChange(string Label, string Html);

    public ContentItem Item { get; private set; } = null!;
    public ContentTranslation Translation { get; private set; } = null!;
    public ContentRevision Revision { get; private set; } = null!;
    public ContentRevision? Published { get; private set; }
    public IReadOnlyList<LevelChange> Levels { get; private set; } = [];
    public IReadOnlyList<TextChange> Changes { get; private set; } = [];
    public DateOnly? EffectiveBefore { get; private set; }
    public DateOnly EffectiveAfter { get; private set; }
    public bool EffectiveUnchanged => Levels.Any(l => l.Changed) && EffectiveBefore == EffectiveAfter;
    public SafetyReview? Decision { get; private set; }
    public bool IsPending { get; private set; }
    public bool CanDecide => IsPending && Decision is null && User.IsInRole(Roles.SafetyReviewer) && Revision.CreatedBy != User.Identity?.Name;
    public string? Error { get; private set; }

    [BindProperty, StringLength(SafetyReview.MaxComment)]
    public string? Comment { get; set; }

    [BindProperty, StringLength(SafetyReview.MaxComment)]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int revisionId, CancellationToken ct)
        => await LoadAsync(revisionId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(int revisionId, CancellationToken ct)
        => DecideAsync(revisionId, () => services.GetRequiredService<ApproveSafety.Handler>()
            .HandleAsync(new ApproveSafety.Command(revisionId, Comment), Actor.From(User), ct), "editor.status.approved", ct);

    public Task<IActionResult> OnPostSendBackAsync(int revisionId, CancellationToken ct)
        => DecideAsync(revisionId, () => services.GetRequiredService<SendBackSafety.Handler>()
            .HandleAsync(new SendBackSafety.Command(revisionId, Reason), Actor.From(User), ct), "editor.status.sent-back", ct);

    private async Task<IActionResult> DecideAsync(int revisionId, Func<Task<EditResult>> decide, string status, CancellationToken ct)
    {
        var result = await decide();
        if (result.Succeeded)
        {
            TempData["Status"] = t[status].Value;
            var item = await db.ContentRevisions.Where(r => r.Id == revisionId).Select(r => new { r.Translation.ContentItemId, r.Translation.Culture }).SingleAsync(ct);
            return Redirect($"/editor/content/{item.ContentItemId}/{item.Culture}");
        }
        if (!await LoadAsync(revisionId, ct)) return NotFound();
        Error = t.Say(result);
        Response.SetFormStatus(result);
        return Page(); // the comment or reason typed stays in its box
    }

    private async Task<bool> LoadAsync(int revisionId, CancellationToken ct)
    {
        var revision = await db.ContentRevisions.AsNoTracking().Include(r => r.Translation).ThenInclude(x => x.Item)
            .Include(r => r.Translation).ThenInclude(x => x.PublishedRevision)
            .SingleOrDefaultAsync(r => r.Id == revisionId, ct);
        if (revision is null || revision.Fields is not SafetyFields after) return false;
        Revision = revision;
        Translation = revision.Translation;
        Item = Translation.Item;
        // The comparison is with what readers see now; for a revision already published, with the one before it.
        Published = Translation.PublishedRevisionId == revision.Id
            ? await db.ContentPublications.AsNoTracking().Where(p => p.TranslationId == Translation.Id && p.RevisionId != revision.Id && p.Action == PublicationAction.Published)
                .OrderByDescending(p => p.Id).Select(p => p.Revision).FirstOrDefaultAsync(ct)
            : Translation.PublishedRevision;
        var before = Published?.Fields as SafetyFields;

        Levels = ContentFacts.DimensionNames.Select(n => new LevelChange(n, before?.Get(n).Level ?? SafetyLevel.Individual, after.Get(n).Level)).ToList();
        (EffectiveBefore, EffectiveAfter) = (before?.Effective, after.Effective);
        string T(string key) => t[key].Value;
        var texts = new List<TextChange>();
        void Text(string label, string? a, string? b) { if (a != b) texts.Add(new TextChange(label, WordDiff.Html(a, b))); }
        Text(T("editor.title"), Published?.Title, revision.Title);
        Text(T("editor.summary"), Published?.Summary, revision.Summary);
        Text(T("editor.body"), Published?.BodyMarkdown, revision.BodyMarkdown);
        texts.AddRange(FieldDiff.Compare(before, after, T).Where(l => l.Changed).Select(l => new TextChange(l.Label, l.Html)));
        Changes = texts;

        Decision = await db.SafetyReviews.AsNoTracking().Where(a => a.RevisionId == revision.Id).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        IsPending = PendingSafetyChange.Awaits(Translation, revision, await PendingSafetyChange.IsScheduledAsync(db, revision.Id, ct), options.SourceCulture);
        return true;
    }
}
