using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Localization;
using Portal.Media;

namespace Portal.Pages.Editor.Media;

/// <summary>/editor/media/{key}: one item's file, its alt text in every language (with its state), where it is used, and retiring it.</summary>
public sealed class ItemModel(PortalDbContext db, PortalOptions options, AltTexts.Handler altTexts, RetireMedia.Handler retire, IStringLocalizer<ItemModel> t) : PageModel
{
    public sealed record AltRow(string Culture, string? Text, AltTextState State, bool CanEdit);

    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Preview { get; private set; }
    public int? Width { get; private set; }
    public int? Height { get; private set; }
    public IReadOnlyList<AltRow> Alt { get; private set; } = [];
    public IReadOnlyList<MediaReferences.Use> Uses { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct) => await LoadAsync(key, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAltAsync(string key, string culture, string? text, CancellationToken ct)
        => await AnswerAsync(key, await altTexts.HandleAsync(new(key, culture, text), Actor.From(User), ct), "editor.media.alt-saved", ct);

    public async Task<IActionResult> OnPostRetireAsync(string key, CancellationToken ct)
    {
        var result = await retire.HandleAsync(new(key), Actor.From(User), ct);
        if (!result.Succeeded) return await AnswerAsync(key, result, "", ct);
        TempData["Status"] = t["editor.media.retired-status"].Value;
        return RedirectToPage("Index");
    }

    private async Task<IActionResult> AnswerAsync(string key, EditResult result, string status, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Status"] = t[status].Value;
            return RedirectToPage(new { key });
        }
        Error = t.Say(result);
        Response.StatusCode = result.FormStatus();
        return await LoadAsync(key, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string key, CancellationToken ct)
    {
        var item = await db.MediaItems.AsNoTracking().Where(i => i.Key == key && i.RetiredAt == null)
            .Select(i => new
            {
                i.Key, i.Name, i.CurrentRevision!.Width, i.CurrentRevision.Height,
                Preview = i.CurrentRevision.Variants.Where(v => v.ContentType == "image/webp").OrderBy(v => v.Width).Select(v => v.FileName).FirstOrDefault(),
                Alt = i.AltTexts.ToList(),
            }).SingleOrDefaultAsync(ct);
        if (item is null) return false;
        (Key, Name, Width, Height, Preview) = (item.Key, item.Name, item.Width, item.Height, item.Preview);
        var actor = Actor.From(User);
        var source = item.Alt.SingleOrDefault(a => a.Culture == options.SourceCulture);
        Alt = [.. options.Cultures.Select(c => (Culture: c, Text: item.Alt.SingleOrDefault(a => a.Culture == c)))
            .Select(x => new AltRow(x.Culture, x.Text?.Text, AltTexts.State(x.Text, source, options.SourceCulture), actor.CanEdit(x.Culture == options.SourceCulture)))];
        Uses = await MediaReferences.UsesAsync(db, key, ct);
        return true;
    }
}
