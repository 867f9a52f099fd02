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

/// <summary>/editor/media/{key}: one item's file, its alt text in every language (with its state), where it is used, and retiring it.
/// For a video: its poster, and its subtitles and transcript in every language (with their states).</summary>
public sealed class ItemModel(PortalDbContext db, PortalOptions options, AltTexts.Handler altTexts, RetireMedia.Handler retire, MediaTexts.Handler texts,
    IStringLocalizer<ItemModel> t) : PageModel
{
    public sealed record AltRow(string Culture, string? Text, AltTextState State, bool CanEdit);

    /// <summary>A document's newest file in one language (null <paramref name="Size"/>: none yet).</summary>
    public sealed record FileRow(string Culture, long? Size, DateTimeOffset? UploadedAt, string? UploadedBy, string? Url, string? MetadataFields);

    /// <summary>A video's subtitles and transcript in one language.</summary>
    public sealed record TextRow(string Culture, AltTextState Subtitles, string? SubtitlesUrl, AltTextState TranscriptState, string? Transcript, bool CanEdit, bool IsSource);

    public MediaKind Kind { get; private set; }
    public string? VideoUrl { get; private set; }
    public string? VideoType { get; private set; }
    public string? PosterKey { get; private set; }

    /// <summary>For a video, to an editor: the images its poster may be (key and name).</summary>
    public IReadOnlyList<(string Key, string Name)> Posters { get; private set; } = [];
    public IReadOnlyList<TextRow> Texts { get; private set; } = [];

    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Preview { get; private set; }
    public int? Width { get; private set; }
    public int? Height { get; private set; }
    public IReadOnlyList<AltRow> Alt { get; private set; } = [];
    public bool IsDocument { get; private set; }
    public IReadOnlyList<FileRow> Files { get; private set; } = [];
    public IReadOnlyList<MediaReferences.Use> Uses { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct) => await LoadAsync(key, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAltAsync(string key, string culture, string? text, CancellationToken ct)
    {
        var result = await altTexts.HandleAsync(new(key, culture, text), Actor.From(User), ct);
        var document = await db.MediaItems.AnyAsync(i => i.Key == key && i.Kind == MediaKind.Document, ct);
        return await AnswerAsync(key, result, document ? "editor.media.title-saved" : "editor.media.alt-saved", ct);
    }

    /// <summary>A .vtt file for one language (checked before anything is stored).</summary>
    public async Task<IActionResult> OnPostSubtitlesAsync(string key, string culture, IFormFile? file, CancellationToken ct)
    {
        EditResult result;
        if (file is null || file.Length == 0) result = EditResult.Invalid("editor.media.no-file");
        else if (file.Length > WebVtt.MaxBytes) result = EditResult.Invalid("editor.media.vtt-too-large", WebVtt.MaxBytes / 1024);
        else
        {
            using var reader = new StreamReader(file.OpenReadStream(), new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
            string? text = null;
            try { text = await reader.ReadToEndAsync(ct); }
            catch (System.Text.DecoderFallbackException) { }
            result = text is null ? EditResult.Invalid("editor.media.vtt-encoding")
                : await texts.HandleAsync(new(key, MediaTextKind.Subtitles, culture, text), Actor.From(User), ct);
        }
        return await AnswerAsync(key, result, "editor.media.subtitles-saved", ct);
    }

    public async Task<IActionResult> OnPostTranscriptAsync(string key, string culture, string? text, CancellationToken ct)
        => await AnswerAsync(key, await texts.HandleAsync(new(key, MediaTextKind.Transcript, culture, text), Actor.From(User), ct), "editor.media.transcript-saved", ct);

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
                i.Id, i.Key, i.Name, i.Kind, i.PosterKey, i.CurrentRevision!.Width, i.CurrentRevision.Height, i.CurrentRevision.Sha256, i.CurrentRevision.ContentType,
                Files = i.Revisions.Where(r => r.Culture != null).Select(r => new { r.Culture, r.Number, r.Size, r.UploadedAt, r.UploadedBy, r.Sha256, r.MetadataFields }).ToList(),
                Preview = i.CurrentRevision.Variants.Where(v => v.ContentType == "image/webp").OrderBy(v => v.Width).Select(v => v.FileName).FirstOrDefault(),
                Alt = i.AltTexts.ToList(),
            }).SingleOrDefaultAsync(ct);
        if (item is null) return false;
        (Key, Name, Width, Height, Preview) = (item.Key, item.Name, item.Width, item.Height, item.Preview);
        IsDocument = item.Kind == MediaKind.Document;
        Files = [.. options.Cultures.Select(c => item.Files.Where(f => f.Culture == c).MaxBy(f => f.Number) is { } f
            ? new FileRow(c, f.Size, f.UploadedAt, f.UploadedBy, $"/media/{item.Key}/{f.Sha256[..12]}.pdf", f.MetadataFields)
            : new FileRow(c, null, null, null, null, null))];
        var actor = Actor.From(User);
        var source = item.Alt.SingleOrDefault(a => a.Culture == options.SourceCulture);
        Alt = [.. options.Cultures.Select(c => (Culture: c, Text: item.Alt.SingleOrDefault(a => a.Culture == c)))
            .Select(x => new AltRow(x.Culture, x.Text?.Text, AltTexts.State(x.Text, source, options.SourceCulture), actor.CanEdit(x.Culture == options.SourceCulture)))];
        (Kind, PosterKey) = (item.Kind, item.PosterKey);
        if (item.Kind == MediaKind.Video)
        {
            (VideoType, VideoUrl) = (item.ContentType, MediaVideo.UrlOf(item.Key, item.Sha256, item.ContentType));
            Preview = await db.MediaItems.AsNoTracking().Where(p => p.Key == item.PosterKey).SelectMany(p => p.CurrentRevision!.Variants)
                .Where(v => v.ContentType == "image/webp").OrderBy(v => v.Width).Select(v => v.FileName).FirstOrDefaultAsync(ct);
            if (actor.CanManageItems)
                Posters = (await db.MediaItems.AsNoTracking().Where(i => i.RetiredAt == null && i.Kind == MediaKind.Image).OrderBy(i => i.Name).Take(500)
                    .Select(i => new { i.Key, i.Name }).ToListAsync(ct)).Select(i => (i.Key, i.Name)).ToList();
            var latest = await MediaTexts.LatestAsync(db, item.Id, ct);
            MediaText? Of(MediaTextKind kind, string culture) => latest.SingleOrDefault(x => x.Kind == kind && x.Culture == culture);
            Texts = [.. options.Cultures.Select(c =>
            {
                var (subtitles, transcript) = (Of(MediaTextKind.Subtitles, c), Of(MediaTextKind.Transcript, c));
                return new TextRow(c, MediaTexts.State(subtitles, Of(MediaTextKind.Subtitles, options.SourceCulture), options.SourceCulture),
                    subtitles is null ? null : $"/media/{item.Key}/{subtitles.Fingerprint}.{c}.vtt",
                    MediaTexts.State(transcript, Of(MediaTextKind.Transcript, options.SourceCulture), options.SourceCulture), transcript?.Text,
                    actor.CanEdit(c == options.SourceCulture), c == options.SourceCulture);
            })];
        }
        Uses = await MediaReferences.UsesAsync(db, key, ct);
        return true;
    }
}
