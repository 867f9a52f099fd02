using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Accounts;
using Portal.Content;
using Portal.Localization;
using Portal.Content.Editing;

namespace Portal.Pages.Editor.Content;

/// <summary>
/// /editor/content/new: choose a kind; /editor/content/new/{kind}: its form (the edit form's fields), saved as the first
/// draft of the source language through <see cref="CreateItem"/>. A country's form also holds its safety assessment.
/// Editors and administrators only.
/// </summary>
public sealed class NewModel(CreateItem.Handler handler, PortalOptions options, TimeProvider clock, IStringLocalizer<NewModel> strings) : PageModel, IKeepsTextOnOutage
{
    /// <summary>The kinds one can create here, by name in the URL; a safety assessment comes with its country.</summary>
    public static readonly IReadOnlyList<ContentKind> Creatable = [ContentKind.CountryGuide, ContentKind.SupportPoint, ContentKind.Story, ContentKind.Page];

    [BindProperty]
    public ContentForm Form { get; set; } = new();

    /// <summary>A country's safety assessment: its texts; its levels all start at "individual".</summary>
    [BindProperty]
    public ContentForm Safety { get; set; } = new();

    private const string CountryPlaceholder = "…";

    public ContentKind? Kind { get; private set; }
    public IReadOnlyList<string> Cultures => options.Cultures;
    public string? Error { get; private set; }
    public IReadOnlyList<string> FieldProblems { get; private set; } = [];

    public IActionResult OnGet(string? kind)
    {
        if (!Allowed(kind, out var refused)) return refused!;
        if (Kind == ContentKind.CountryGuide)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var s = CreateItem.NewSafety(CountryPlaceholder, "", "", today, null);
            Safety = new ContentForm { Title = s.Title!, Summary = s.Summary!, Body = s.Body };
            Safety.Load(s.Fields);
            Form.NextReview = today.AddMonths(3);
        }
        if (Kind == ContentKind.Story) Form.ConsentCoversLanguages = [options.SourceCulture];
        return Page();
    }

    /// <summary>"Add a row"/"remove row" without script, as on the edit form.</summary>
    public IActionResult OnPostRows(string? kind, string? add, string? remove)
    {
        if (!Allowed(kind, out var refused)) return refused!;
        if (!Form.ChangeRows(add, remove)) return BadRequest();
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? kind, CancellationToken ct)
    {
        if (!Allowed(kind, out var refused) || Kind is not { } k) return refused ?? NotFound();
        CreateItem.Text? safety = null;
        if (k == ContentKind.CountryGuide)
        {
            var fields = (SafetyFields)Safety.ToFields(ContentKind.SafetyAssessment)!;
            // The proposed texts name the country as "…" until the editor has typed it: the guide's title takes its place.
            string? Named(string? text) => text?.Replace(CountryPlaceholder, Form.Title.Trim(), StringComparison.Ordinal);
            safety = new(Named(Safety.Title), Named(Safety.Summary), Safety.Body, fields with
            {
                Effective = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                NextReview = Form.NextReview ?? default,
            });
        }
        var cmd = new CreateItem.Command(k, Form.Key, Form.Slug, new(Form.Title, Form.Summary, Form.Body, Form.ToFields(k)), safety);
        var (result, itemId) = await handler.HandleAsync(cmd, Actor.From(User), ct);
        if (result.Succeeded)
        {
            TempData["Status"] = strings["editor.status.created"].Value;
            return Redirect($"/editor/content/{itemId}/{options.SourceCulture}");
        }
        Response.SetFormStatus(result);
        Error = strings.Say(result);
        FieldProblems = FormErrors.Show(ModelState, result.Errors, strings);
        return Page();
    }

    public IActionResult TextKept(EditResult notSaved)
    {
        if (!Allowed(RouteData.Values["kind"] as string, out var refused) || Kind is null) return refused ?? NotFound();
        Response.SetFormStatus(notSaved);
        Error = strings.Say(notSaved);
        return Page();
    }

    private bool Allowed(string? kind, out IActionResult? refused)
    {
        refused = null;
        if (!Actor.From(User).CanEdit(isSource: true))
        {
            refused = Forbid();
            return false;
        }
        if (kind is null) return true;
        if (!ContentKinds.TryParse(kind, out var k) || !Creatable.Contains(k))
        {
            refused = NotFound();
            return false;
        }
        Kind = k;
        return true;
    }
}
