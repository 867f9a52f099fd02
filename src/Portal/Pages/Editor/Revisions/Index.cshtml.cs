using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Localization;

namespace Portal.Pages.Editor.Revisions;

/// <summary>Every revision of one language of an item; a word-level diff between any two; restore one as a new draft.</summary>
public sealed class IndexModel(PortalDbContext db, RestoreRevision.Handler restore, Microsoft.Extensions.Localization.IStringLocalizer<IndexModel> t, PortalOptions options) : PageModel
{
    public sealed record RevisionRow(int Id, int Number, string Title, bool IsMajor, string? ChangeNote, string CreatedBy, DateTimeOffset CreatedAt, bool Published, bool Draft, bool Approved);

    public int ItemId { get; private set; }
    public string Culture { get; private set; } = "";
    public int Version { get; private set; }
    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];
    public (RevisionRow From, RevisionRow To, string Title, string Summary, string Body, IReadOnlyList<FieldDiff.Line> Fields)? Diff { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Restoring is editing: the button is shown only to whom the command allows it.</summary>
    public bool CanEdit => Actor.From(User).CanEdit(Culture == options.SourceCulture);

    public async Task<IActionResult> OnGetAsync(int itemId, string culture, int? from, int? to, CancellationToken ct)
    {
        if (!await LoadAsync(itemId, culture, ct)) return NotFound();
        if (from is { } f && to is { } target)
        {
            var pair = await db.ContentRevisions.AsNoTracking().Where(r => (r.Id == f || r.Id == target) && r.Translation.ContentItemId == itemId && r.Translation.Culture == culture).ToListAsync(ct);
            var a = pair.SingleOrDefault(r => r.Id == f);
            var b = pair.SingleOrDefault(r => r.Id == target);
            if (a is null || b is null) return NotFound();
            Diff = (Revisions.Single(r => r.Id == f), Revisions.Single(r => r.Id == target),
                WordDiff.Html(a.Title, b.Title), WordDiff.Html(a.Summary, b.Summary), WordDiff.Html(a.BodyMarkdown, b.BodyMarkdown),
                FieldDiff.Compare(a.Fields, b.Fields, key => t[key].Value));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int itemId, string culture, int revisionId, int version, CancellationToken ct)
    {
        var result = await restore.HandleAsync(new RestoreRevision.Command(revisionId, version), Actor.From(User), ct);
        if (result.Succeeded) return Redirect($"/editor/content/{itemId}/{culture}");
        if (!await LoadAsync(itemId, culture, ct)) return NotFound();
        Error = t.Say(result);
        Response.StatusCode = result.Outcome == EditOutcome.Conflict ? 409 : result.Outcome == EditOutcome.Forbidden ? 403 : 400;
        return Page();
    }

    private async Task<bool> LoadAsync(int itemId, string culture, CancellationToken ct)
    {
        var t = await db.ContentTranslations.AsNoTracking().SingleOrDefaultAsync(t => t.ContentItemId == itemId && t.Culture == culture, ct);
        if (t is null) return false;
        (ItemId, Culture, Version) = (itemId, culture, t.Version);
        Revisions = await db.ContentRevisions.AsNoTracking().Where(r => r.TranslationId == t.Id).OrderByDescending(r => r.Number)
            .Select(r => new RevisionRow(r.Id, r.Number, r.Title, r.IsMajor, r.ChangeNote, r.CreatedBy, r.CreatedAt,
                r.Id == t.PublishedRevisionId, r.Id == t.DraftRevisionId, db.SafetyReviews.Any(a => a.RevisionId == r.Id && a.Decision == SafetyDecision.Approved)))
            .ToListAsync(ct);
        return true;
    }
}
