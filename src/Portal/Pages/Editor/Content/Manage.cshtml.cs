using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Accounts;
using Portal.Content;
using Portal.Localization;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Pages.Editor.Content;

/// <summary>
/// /editor/content/{id}/manage: an item as a whole: its address in each language (rename), retire with a reason,
/// restore, or delete a draft that was never published. The commands decide who may (editors and administrators).
/// </summary>
public sealed class ManageModel(PortalDbContext db, PortalOptions options, IStringLocalizer<ManageModel> t) : PageModel
{
    public sealed record Address(string Culture, string Slug, PublishState State, IReadOnlyList<string> OldSlugs, string ReaderUrl);

    public ContentItem Item { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<Address> Addresses { get; private set; } = [];
    public bool EverPublished { get; private set; }
    public bool CanManage => Actor.From(User).CanManageItems;
    public string? Error { get; private set; }

    /// <summary>Culture → slug, as typed (kept when the form comes back with an error).</summary>
    [BindProperty]
    public Dictionary<string, string> Slugs { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int itemId, CancellationToken ct)
        => await LoadAsync(itemId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenameAsync(int itemId, [FromServices] Rename.Handler handler, CancellationToken ct)
        => await DoneAsync(itemId, await handler.HandleAsync(new Rename.Command(itemId, Slugs), Actor.From(User), ct), "editor.status.renamed", ct);

    public async Task<IActionResult> OnPostRetireAsync(int itemId, [FromServices] Retire.Handler handler, CancellationToken ct)
        => await DoneAsync(itemId, await handler.HandleAsync(new Retire.Command(itemId, Reason), Actor.From(User), ct), "editor.status.retired", ct);

    public async Task<IActionResult> OnPostRestoreAsync(int itemId, [FromServices] RestoreRetired.Handler handler, CancellationToken ct)
        => await DoneAsync(itemId, await handler.HandleAsync(new RestoreRetired.Command(itemId), Actor.From(User), ct), "editor.status.restored", ct);

    public async Task<IActionResult> OnPostDeleteAsync(int itemId, [FromServices] DeleteItem.Handler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new DeleteItem.Command(itemId), Actor.From(User), ct);
        if (!result.Succeeded) return await DoneAsync(itemId, result, "", ct);
        TempData["Status"] = t["editor.status.deleted"].Value;
        return Redirect("/editor");
    }

    private async Task<IActionResult> DoneAsync(int itemId, EditResult result, string status, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Status"] = t[status].Value;
            return Redirect($"/editor/content/{itemId}/manage");
        }
        var typed = Slugs;
        if (!await LoadAsync(itemId, ct)) return NotFound();
        foreach (var (culture, slug) in typed) Slugs[culture] = slug; // what was typed, not what is stored
        Error = t.Say(result);
        Response.SetFormStatus(result);
        return Page();
    }

    private async Task<bool> LoadAsync(int itemId, CancellationToken ct)
    {
        var item = await db.ContentItems.AsNoTracking().Include(i => i.Translations).ThenInclude(x => x.DraftRevision)
            .SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return false;
        Item = item;
        var old = await db.ContentOldSlugs.AsNoTracking().Where(o => o.ContentItemId == itemId).OrderBy(o => o.Id).ToListAsync(ct);
        var guideSlugs = await GuideSlugsAsync(item, ct);
        var texts = item.Translations.OrderBy(x => x.Culture == options.SourceCulture ? 0 : 1).ThenBy(x => x.Culture, StringComparer.Ordinal).ToList();
        Addresses = texts.Select(x => new Address(x.Culture, x.Slug, x.State, old.Where(o => o.Culture == x.Culture).Select(o => o.Slug).ToList(),
            ReaderUrls.For(item.Kind, x.Culture, x.Slug, guideSlugs.GetValueOrDefault(x.Culture)))).ToList();
        Slugs = texts.ToDictionary(x => x.Culture, x => x.Slug);
        Title = texts.FirstOrDefault()?.DraftRevision?.Title ?? item.Key;
        EverPublished = await db.ContentPublications.AnyAsync(p => p.Translation.ContentItemId == itemId, ct);
        return true;
    }

    /// <summary>A safety assessment is read at its guide's address; other kinds at their own.</summary>
    private async Task<Dictionary<string, string>> GuideSlugsAsync(ContentItem item, CancellationToken ct)
    {
        if (!ContentKinds.Of(item.Kind).UnderGuide) return [];
        var guideKey = item.Translations.Select(x => x.DraftRevision?.Fields).OfType<SafetyFields>().FirstOrDefault()?.GuideKey;
        return await db.ContentTranslations.AsNoTracking().Where(x => x.Kind == ContentKind.CountryGuide && x.Item.Key == guideKey)
            .ToDictionaryAsync(x => x.Culture, x => x.Slug, ct);
    }
}
