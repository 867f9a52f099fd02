using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Localization;

namespace Portal.Pages.Editor.Content;

/// <summary>
/// /editor/content/{item}/{culture}: edit one language of an item, with its structured fields; save drafts, preview,
/// publish or schedule, unpublish, mark as reviewed; a safety change links to its review page. Translations show their source beside
/// the form, and for an outdated translation the word diff of the source since the revision it was made from.
/// </summary>
public sealed class EditModel(PortalDbContext db, PortalOptions options, IServiceProvider services) : PageModel, IKeepsTextOnOutage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [BindProperty]
    public ContentForm Form { get; set; } = new();

    public ContentItem Item { get; private set; } = null!;
    public string Culture { get; private set; } = "";
    public bool IsSource => Culture == options.SourceCulture;
    public IReadOnlyList<string> Cultures => options.Cultures;
    public ContentTranslation? Translation { get; private set; }
    public ContentRevision? Draft { get; private set; }
    public ContentRevision? Published { get; private set; }
    public ContentRevision? Source { get; private set; }
    public string? SourceDiff { get; private set; }

    /// <summary>For an outdated translation: the source's fields that changed since (levels, each dimension's wording…), by name.</summary>
    public IReadOnlyList<FieldDiff.Line> SourceFieldChanges { get; private set; } = [];

    /// <summary>For translations: the change note of the source's latest major revision, which the translator translates.</summary>
    public string? SourceChangeNote { get; private set; }
    public ContentRevision? Newer { get; private set; }
    public bool DraftNeedsApproval { get; private set; }

    /// <summary>A Safety reviewer's decision on the draft (approved, or sent back with the reason), if any.</summary>
    public SafetyReview? DraftReview { get; private set; }

    /// <summary>The draft changes a level but keeps the effective date readers see: worth a second look before sign-off.</summary>
    public bool EffectiveUnchanged { get; private set; }
    public IReadOnlyList<ScheduledPublication> Pending { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>Shown from the posted form alone (the database cannot be reached): no revisions, source or schedules.</summary>
    public bool Offline { get; private set; }

    /// <summary>After refused input: each problem with its field's name, listed above the form (each is also beside its field).</summary>
    public IReadOnlyList<string> FieldProblems { get; private set; } = [];

    /// <summary>What this person's role allows on this language; controls it does not are not shown (the commands refuse them anyway).</summary>
    public bool CanEdit => Actor.From(User).CanEdit(IsSource);
    public bool CanPublish => Actor.From(User).CanPublish(IsSource);

    private IStringLocalizer Strings => services.GetRequiredService<IStringLocalizer<EditModel>>();

    public async Task<IActionResult> OnGetAsync(int itemId, string culture, CancellationToken ct)
    {
        if (!await LoadAsync(itemId, culture, ct)) return NotFound();
        var basis = Draft ?? Published;
        Form = basis is null ? new ContentForm { Version = Translation?.Version ?? 0 } : ContentForm.From(basis, Translation!.Version);
        // A translation shows the source's current facts (levels, dates, addresses: read-only) with its own wording; a new one starts from the source's.
        if (!IsSource && Source is not null) Form.Load(ContentFacts.ForTranslation(Source.Fields, basis?.Fields ?? Source.Fields));
        Form.SourceRevisionId = Source?.Id;
        // A translation's note is its translation of the source's latest note: kept while it translates the same source revision.
        if (!IsSource && basis?.SourceRevisionId is { } from && from == Source?.Id) Form.ChangeNote = basis.ChangeNote;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int itemId, string culture, CancellationToken ct)
        => SaveThenAsync(itemId, culture, ct, then: null, "editor.status.saved");

    public async Task<IActionResult> OnPostPreviewAsync(int itemId, string culture, CancellationToken ct)
    {
        var (result, revisionId) = await SaveAsync(itemId, culture, ct);
        if (!result.Succeeded) return await ShowAsync(itemId, culture, result, ct);
        return Redirect($"/editor/preview/{culture}/{revisionId}");
    }

    public Task<IActionResult> OnPostPublishAsync(int itemId, string culture, CancellationToken ct)
        => SaveThenAsync(itemId, culture, ct, (translationId, revisionId) =>
            services.GetRequiredService<Publish.Handler>().HandleAsync(new Publish.Command(translationId, revisionId), Actor.From(User), ct), "editor.status.published");

    public Task<IActionResult> OnPostScheduleAsync(int itemId, string culture, CancellationToken ct)
    {
        if (Form.ScheduleAt is not { } local) return ShowAsync(itemId, culture, EditResult.Invalid("editor.result.schedule-time-missing"), ct);
        var due = WorkspaceTime.FromLocal(local);
        return SaveThenAsync(itemId, culture, ct, (translationId, revisionId) =>
            services.GetRequiredService<Schedule.Handler>().HandleAsync(new Schedule.Command(translationId, revisionId, due), Actor.From(User), ct), "editor.status.scheduled");
    }

    /// <summary>A post naming no handler this page has (?handler=Nope): the form again with everything typed, never an empty page.</summary>
    public Task<IActionResult> OnPostAsync(int itemId, string culture, CancellationToken ct)
        => ShowAsync(itemId, culture, EditResult.Invalid("editor.error.unknown-action"), ct);

    /// <summary>"Add a row"/"remove row" without script: the form comes back with everything typed and one row more or less.</summary>
    public async Task<IActionResult> OnPostRowsAsync(int itemId, string culture, string? add, string? remove, CancellationToken ct)
    {
        if (!await LoadAsync(itemId, culture, ct)) return NotFound();
        if (!IsSource || !Form.ChangeRows(add, remove)) return BadRequest();
        ModelState.Clear(); // the rows moved: show the form from the changed model, not from the posted names
        return Page();
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int itemId, string culture, CancellationToken ct)
    {
        if (await TranslationIdAsync(itemId, culture, ct) is not { } translationId) return NotFound();
        var result = await services.GetRequiredService<Unpublish.Handler>().HandleAsync(new Unpublish.Command(translationId, Form.Version), Actor.From(User), ct);
        return await DoneAsync(itemId, culture, result, "editor.status.unpublished", ct);
    }

    public async Task<IActionResult> OnPostMarkReviewedAsync(int itemId, string culture, CancellationToken ct)
    {
        if (await TranslationIdAsync(itemId, culture, ct) is not { } translationId) return NotFound();
        var result = await services.GetRequiredService<MarkReviewed.Handler>().HandleAsync(new MarkReviewed.Command(translationId, Form.Version), Actor.From(User), ct);
        return await DoneAsync(itemId, culture, result, "editor.status.reviewed", ct);
    }

    private async Task<IActionResult> SaveThenAsync(int itemId, string culture, CancellationToken ct, Func<int, int, Task<EditResult>>? then, string status)
    {
        var (result, revisionId) = await SaveAsync(itemId, culture, ct);
        if (!result.Succeeded || then is null) return await DoneAsync(itemId, culture, result, status, ct);
        var done = await then((await TranslationIdAsync(itemId, culture, ct))!.Value, revisionId!.Value); // a successful save made it exist
        if (done.Succeeded) return await DoneAsync(itemId, culture, done, status, ct);
        // Refused after the text was saved as a draft (a publish check, a schedule time): the form again at that draft's
        // version, so that putting the reason right and trying again is not taken for somebody else's save.
        var page = await ShowAsync(itemId, culture, done, ct);
        Form.Version = Translation?.Version ?? Form.Version;
        ModelState.Remove("Form.Version");
        return page;
    }

    private Task<int?> TranslationIdAsync(int itemId, string culture, CancellationToken ct)
        => db.ContentTranslations.Where(t => t.ContentItemId == itemId && t.Culture == culture).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);

    /// <summary>Saves the form as a draft unless it equals the current draft (so "publish" does not add an empty revision).</summary>
    private async Task<(EditResult Result, int? RevisionId)> SaveAsync(int itemId, string culture, CancellationToken ct)
    {
        var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || !options.Cultures.Contains(culture)) return (EditResult.NotFound, null);
        var fields = Form.ToFields(item.Kind);

        var current = await db.ContentTranslations.AsNoTracking().Where(t => t.ContentItemId == itemId && t.Culture == culture)
            .Select(t => new { t.Version, t.DraftRevision }).SingleOrDefaultAsync(ct);
        var sameNote = string.IsNullOrWhiteSpace(Form.ChangeNote)
            || (culture != options.SourceCulture && current?.DraftRevision?.ChangeNote == Form.ChangeNote.Trim()); // a translation's note is carried in the form
        // Ticking "major" on the draft as it is goes to SaveDraft, which refuses a major update that changes nothing.
        if (current?.DraftRevision is { } d && current.Version == Form.Version && sameNote && (!Form.IsMajor || d.IsMajor)
            && d.Title == Form.Title.Trim() && d.Summary == Form.Summary.Trim() && d.BodyMarkdown == SaveDraft.Handler.NormalizeNewlines(Form.Body)
            && d.HumanReviewed == (culture == options.SourceCulture || Form.HumanReviewed)
            && (culture != options.SourceCulture
                || JsonSerializer.Serialize(d.Fields, Json) == JsonSerializer.Serialize(FieldValidation.Check(item.Kind, fields).Fields, Json)))
            return (EditResult.NothingChanged(d.Id, "editor.result.save-unchanged"), d.Id);

        var cmd = new SaveDraft.Command(itemId, culture, Form.Version, Form.Title, Form.Summary, Form.Body ?? "", fields,
            Form.IsMajor, Form.ChangeNote, Form.SourceRevisionId, Form.HumanReviewed);
        var result = await services.GetRequiredService<SaveDraft.Handler>().HandleAsync(cmd, Actor.From(User), ct);
        return (result, result.RevisionId);
    }

    private async Task<IActionResult> DoneAsync(int itemId, string culture, EditResult result, string status, CancellationToken ct)
    {
        if (!result.Succeeded) return await ShowAsync(itemId, culture, result, ct);
        // A no-op says so ("nothing changed: readers already see this revision"), not "published".
        TempData["Status"] = result.Unchanged ? Strings.Say(result) : Strings[status].Value;
        return Redirect($"/editor/content/{itemId}/{culture}");
    }

    /// <summary>Shows the form again with the user's own text kept, the reason, and, after a conflict, the newer version beside it.</summary>
    private async Task<IActionResult> ShowAsync(int itemId, string culture, EditResult result, CancellationToken ct)
    {
        if (!await LoadAsync(itemId, culture, ct)) return NotFound();
        Error = Strings.Say(result);
        if (result.Errors.Count > 0) FieldProblems = FormErrors.Show(ModelState, result.Errors, Strings);
        Response.SetFormStatus(result);
        if (result.Outcome == EditOutcome.Conflict)
        {
            Newer = Draft ?? Published;
            // A second, deliberate save after reading the newer version goes through (the form re-renders from ModelState, so drop the stale value).
            Form.Version = Translation?.Version ?? 0;
            ModelState.Remove("Form.Version");
        }
        return Page();
    }

    public IActionResult TextKept(EditResult notSaved)
    {
        Item = new ContentItem
        {
            Id = Convert.ToInt32(RouteData.Values["itemId"], System.Globalization.CultureInfo.InvariantCulture),
            Key = Form.Key ?? "",
            Kind = Form.Kind ?? ContentKind.Page,
        };
        Culture = (string)RouteData.Values["culture"]!;
        Offline = true;
        Error = Strings.Say(notSaved);
        Response.SetFormStatus(notSaved);
        return Page();
    }

    private async Task<bool> LoadAsync(int itemId, string culture, CancellationToken ct)
    {
        if (!options.Cultures.Contains(culture)) return false;
        var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return false;
        Item = item;
        Culture = culture;
        Translation = await db.ContentTranslations.AsNoTracking().Include(t => t.DraftRevision).Include(t => t.PublishedRevision).ThenInclude(r => r!.SourceRevision)
            .SingleOrDefaultAsync(t => t.ContentItemId == itemId && t.Culture == culture, ct);
        Draft = Translation?.DraftRevision;
        Published = Translation?.PublishedRevision;

        if (!IsSource)
        {
            Source = await db.ContentTranslations.AsNoTracking().Where(t => t.ContentItemId == itemId && t.Culture == options.SourceCulture)
                .Select(t => t.PublishedRevision).SingleOrDefaultAsync(ct);
            if (Source is not null)
                SourceChangeNote = await db.ContentRevisions.AsNoTracking()
                    .Where(r => r.TranslationId == Source.TranslationId && r.IsMajor && r.Number <= Source.Number)
                    .OrderByDescending(r => r.Number).Select(r => r.ChangeNote).FirstOrDefaultAsync(ct);
            var basis = (Draft ?? Published)?.SourceRevisionId;
            if (Source is not null && basis is not null && basis != Source.Id)
            {
                var old = await db.ContentRevisions.AsNoTracking().SingleAsync(r => r.Id == basis, ct);
                SourceDiff = WordDiff.Html($"{old.Title}\n\n{old.Summary}\n\n{old.BodyMarkdown}", $"{Source.Title}\n\n{Source.Summary}\n\n{Source.BodyMarkdown}");
                SourceFieldChanges = FieldDiff.Compare(old.Fields, Source.Fields, key => Strings[key].Value).Where(l => l.Changed).ToList();
            }
        }

        if (Draft is not null && Translation!.DraftRevisionId != Translation.PublishedRevisionId)
        {
            DraftNeedsApproval = SafetyRules.NeedsApproval(culture, options.SourceCulture, Draft.Fields, Published?.Fields);
            DraftReview = await db.SafetyReviews.AsNoTracking().Where(a => a.RevisionId == Draft.Id).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            EffectiveUnchanged = DraftNeedsApproval && Draft.Fields is SafetyFields d && Published?.Fields is SafetyFields p && d.Effective == p.Effective;
        }
        if (Translation is not null)
            Pending = await db.ScheduledPublications.AsNoTracking().Include(s => s.Revision).Pending()
                .Where(s => s.TranslationId == Translation.Id).ToListAsync(ct);
        return true;
    }
}
