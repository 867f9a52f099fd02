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

/// <summary>
/// /editor/media: the media library. Editors upload an image (a new item) or replace an item's file (same key, new
/// revision); everyone in the workspace lists and searches it by name. The one form whose body may exceed the
/// app's 4 MB limit (<see cref="MediaLimits.UploadPath"/>).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MediaLimits.MaxUploadRequestBytes)]
public sealed class IndexModel(PortalDbContext db, UploadMedia.Handler upload, UploadVideo.Handler uploadVideo, ChangePoster.Handler changePoster, PortalOptions options,
    IStringLocalizer<IndexModel> t) : PageModel
{
    /// <param name="Culture">A document's language of its newest file.</param>
    /// <param name="MetadataFields">A document's author or editing metadata, which the editor is warned of.</param>
    public sealed record Row(string Key, string Name, string ContentType, long Size, int? Width, int? Height, DateTimeOffset UploadedAt, string UploadedBy, string? Preview,
        string? Culture = null, string? MetadataFields = null);

    public IReadOnlyList<string> Cultures => options.Cultures;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<Row> Items { get; private set; } = [];

    /// <summary>The images a video's poster may be: key and name.</summary>
    public IReadOnlyList<(string Key, string Name)> Posters { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <param name="key">Null for a new item; an item's key to replace its file.</param>
    /// <param name="culture">For a document: the language of the PDF.</param>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? key, string? culture, CancellationToken ct)
    {
        EditResult result;
        string? uploaded = null;
        if (file is null || file.Length == 0) result = EditResult.Invalid("editor.media.no-file");
        else if (Path.GetExtension(file.FileName).Equals(".pdf", StringComparison.OrdinalIgnoreCase) && file.Length > MediaLimits.MaxDocumentBytes)
            result = EditResult.Invalid("editor.media.pdf-too-large", MediaLimits.MaxDocumentBytes / (1024 * 1024));
        else if (file.Length > MediaLimits.MaxImageBytes) result = EditResult.Invalid("editor.media.refused-too-large", MediaLimits.MaxImageBytes / (1024 * 1024));
        else
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            (result, uploaded) = await upload.HandleAsync(new(string.IsNullOrEmpty(key) ? null : key, file.FileName, buffer.ToArray(), string.IsNullOrEmpty(culture) ? null : culture), Actor.From(User), ct);
        }
        return await AnswerAsync(result, uploaded, key, ct);
    }

    /// <summary>A video and the image item shown before it plays (its poster).</summary>
    public async Task<IActionResult> OnPostVideoAsync(IFormFile? file, string? key, string? poster, CancellationToken ct)
    {
        EditResult result;
        string? uploaded = null;
        if (file is null || file.Length == 0) result = EditResult.Invalid("editor.media.no-file");
        else if (file.Length > MediaLimits.MaxVideoBytes) result = EditResult.Invalid("editor.media.video-refused-too-large", MediaLimits.MaxVideoBytes / (1024 * 1024));
        else
        {
            await using var stream = file.OpenReadStream(); // the buffered form's temporary file: seekable, not in memory
            (result, uploaded) = await uploadVideo.HandleAsync(new(string.IsNullOrEmpty(key) ? null : key, file.FileName, file.ContentType, stream, poster), Actor.From(User), ct);
        }
        return await AnswerAsync(result, uploaded, key, ct);
    }

    /// <summary>
    /// A video's new poster, from the video's page: an image of the library, or one uploaded here (a new image item, so it
    /// posts to this page, whose body may be as large as an image).
    /// </summary>
    public async Task<IActionResult> OnPostPosterAsync(string key, string? poster, IFormFile? file, CancellationToken ct)
    {
        var result = EditResult.Ok();
        if (file is { Length: > MediaLimits.MaxImageBytes }) result = EditResult.Invalid("editor.media.refused-too-large", MediaLimits.MaxImageBytes / (1024 * 1024));
        else if (file is { Length: > 0 })
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            (result, var uploaded) = await upload.HandleAsync(new(null, file.FileName, buffer.ToArray()), Actor.From(User), ct);
            poster = uploaded;
        }
        if (result.Succeeded) result = await changePoster.HandleAsync(new(key, poster), Actor.From(User), ct);
        if (!result.Succeeded) return await AnswerAsync(result, null, key, ct);
        TempData["Status"] = t["editor.media.poster-changed", poster!].Value;
        return RedirectToPage("Item", new { key });
    }

    /// <param name="key">The item whose file was replaced (its page is shown again), or null for a new one (the library).</param>
    private async Task<IActionResult> AnswerAsync(EditResult result, string? uploaded, string? key, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            var status = t["editor.media.uploaded-status", uploaded!, $"![[media:{uploaded}]]"].Value;
            var fields = await db.MediaItems.Where(i => i.Key == uploaded).Select(i => i.CurrentRevision!.MetadataFields).SingleAsync(ct);
            TempData["Status"] = fields is null ? status : $"{status} {t["editor.media.pdf-metadata", fields].Value}";
            return string.IsNullOrEmpty(key) ? RedirectToPage() : RedirectToPage("Item", new { key });
        }
        Error = t.Say(result);
        Response.StatusCode = result.FormStatus();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = Q?.Trim().ToLowerInvariant() ?? "";
        var items = db.MediaItems.AsNoTracking().Where(i => i.RetiredAt == null);
        if (q.Length > 0) items = items.Where(i => i.Name.ToLower().Contains(q) || i.Key.Contains(q));
        Items = await items.OrderByDescending(i => i.CurrentRevision!.UploadedAt).Take(200)
            .Select(i => new Row(i.Key, i.Name, i.CurrentRevision!.ContentType, i.CurrentRevision.Size, i.CurrentRevision.Width, i.CurrentRevision.Height,
                i.CurrentRevision.UploadedAt, i.CurrentRevision.UploadedBy,
                i.CurrentRevision.Variants.OrderBy(v => v.Width).Where(v => v.ContentType == "image/webp").Select(v => v.FileName).FirstOrDefault(),
                i.CurrentRevision.Culture, i.CurrentRevision.MetadataFields))
            .ToListAsync(ct);
        Posters = (await db.MediaItems.AsNoTracking().Where(i => i.RetiredAt == null && i.Kind == MediaKind.Image).OrderBy(i => i.Name).Take(500)
            .Select(i => new { i.Key, i.Name }).ToListAsync(ct)).Select(i => (i.Key, i.Name)).ToList();
    }
}
