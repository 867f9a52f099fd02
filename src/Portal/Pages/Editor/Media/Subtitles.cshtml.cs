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
/// /editor/media/{key}/subtitles/{culture}: a video's subtitles translated like a text. The Dutch cues are shown beside
/// an editable text for each; the translation keeps the Dutch timings and records the Dutch version it was made from.
/// </summary>
public sealed class SubtitlesModel(PortalDbContext db, PortalOptions options, MediaTexts.Handler texts, IStringLocalizer<SubtitlesModel> t) : PageModel
{
    public sealed record CueRow(string Timing, string Source, string? Translation);

    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Culture { get; private set; } = "";
    public AltTextState State { get; private set; }
    public bool CanEdit { get; private set; }
    public IReadOnlyList<CueRow> Cues { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, string culture, CancellationToken ct)
        => await LoadAsync(key, culture, null, ct) ? Page() : NotFound();

    /// <param name="cue">The translated text of each Dutch cue, in order.</param>
    public async Task<IActionResult> OnPostAsync(string key, string culture, List<string>? cue, CancellationToken ct)
    {
        var source = await SourceCuesAsync(key, ct);
        if (source is null || culture == options.SourceCulture) return NotFound();
        cue ??= [];
        EditResult result = cue.Count != source.Count || cue.Any(string.IsNullOrWhiteSpace)
            ? EditResult.Invalid("editor.media.subtitles-every-cue")
            : await texts.HandleAsync(new(key, MediaTextKind.Subtitles, culture, WebVtt.Write(source.Select((c, i) => c with { Text = cue[i] }))), Actor.From(User), ct);
        if (result.Succeeded)
        {
            TempData["Status"] = t["editor.media.subtitles-saved"].Value;
            return RedirectToPage(new { key, culture });
        }
        Error = t.Say(result);
        Response.StatusCode = result.FormStatus();
        return await LoadAsync(key, culture, cue, ct) ? Page() : NotFound();
    }

    private async Task<IReadOnlyList<VttCue>?> SourceCuesAsync(string key, CancellationToken ct)
    {
        var text = await db.MediaTexts.AsNoTracking()
            .Where(x => x.Kind == MediaTextKind.Subtitles && x.Culture == options.SourceCulture && db.MediaItems.Any(i => i.Key == key && i.Id == x.MediaItemId && i.RetiredAt == null))
            .OrderByDescending(x => x.Version).Select(x => x.Text).FirstOrDefaultAsync(ct);
        return text is null ? null : WebVtt.Parse(text).Cues;
    }

    private async Task<bool> LoadAsync(string key, string culture, IReadOnlyList<string>? posted, CancellationToken ct)
    {
        if (!options.Cultures.Contains(culture) || culture == options.SourceCulture) return false;
        var item = await db.MediaItems.AsNoTracking().Where(i => i.Key == key && i.Kind == MediaKind.Video && i.RetiredAt == null)
            .Select(i => new { i.Id, i.Key, i.Name }).SingleOrDefaultAsync(ct);
        if (item is null) return false;
        var latest = await MediaTexts.LatestAsync(db, item.Id, ct);
        var source = latest.SingleOrDefault(x => x.Kind == MediaTextKind.Subtitles && x.Culture == options.SourceCulture);
        var own = latest.SingleOrDefault(x => x.Kind == MediaTextKind.Subtitles && x.Culture == culture);
        (Key, Name, Culture) = (item.Key, item.Name, culture);
        State = MediaTexts.State(own, source, options.SourceCulture);
        CanEdit = source is not null && Actor.From(User).CanEdit(isSource: false);
        var sourceCues = source is null ? [] : WebVtt.Parse(source.Text).Cues ?? [];
        // The existing translation's texts line up with the Dutch cues when it was made here (same number of cues).
        var ownCues = own is null ? null : WebVtt.Parse(own.Text).Cues;
        if (ownCues is not null && ownCues.Count != sourceCues.Count) ownCues = null;
        Cues = [.. sourceCues.Select((c, i) => new CueRow(c.Timing, c.Text, posted is not null && i < posted.Count ? posted[i] : ownCues?[i].Text))];
        return true;
    }
}
