using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content.Editing;

namespace Portal.Media;

/// <summary>
/// A video's subtitles and transcripts, one of each per language: written by editors (Dutch, the source) and translators
/// (the rest), with the states of any text. Subtitles are checked as WebVTT before anything is stored.
/// </summary>
public static class MediaTexts
{
    public static AltTextState State(MediaText? text, MediaText? source, string sourceCulture)
        => text is null ? AltTextState.Missing
            : text.Culture == sourceCulture || (text.SourceVersion ?? 0) >= (source?.Version ?? 0) ? AltTextState.Current
            : AltTextState.Outdated;

    /// <summary>The newest text of each kind and language of one item (rows are only inserted, so older ones are history).</summary>
    public static async Task<List<MediaText>> LatestAsync(Data.PortalDbContext db, int itemId, CancellationToken ct)
        => (await db.MediaTexts.AsNoTracking().Where(t => t.MediaItemId == itemId && !db.MediaTexts.Any(n => n.MediaItemId == t.MediaItemId
            && n.Kind == t.Kind && n.Culture == t.Culture && n.Version > t.Version)).ToListAsync(ct));

    /// <summary>
    /// The text as it is stored, or why it is refused: subtitles checked as WebVTT (and ended with a line break), a transcript
    /// within its length. The workspace and <c>import</c> (<see cref="MediaFolder"/>) both store only what passes here.
    /// </summary>
    public static (string? Text, Refusal? Refusal) Check(MediaTextKind kind, string? raw)
    {
        var text = (raw ?? "").Replace("\r\n", "\n").Trim();
        if (kind == MediaTextKind.Subtitles)
            return WebVtt.Parse(text).Refusal is { } refusal ? (null, refusal) : (text + "\n", null);
        return text.Length is 0 or > MediaText.MaxTranscript ? (null, new Refusal("editor.media.transcript-required", MediaText.MaxTranscript)) : (text, null);
    }

    public sealed record Command(string Key, MediaTextKind Kind, string Culture, string? Text);

    public sealed class Handler(EditingContext ctx, PortalOptions options, MediaPages pages)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!options.Cultures.Contains(cmd.Culture)) return EditResult.NotFound;
            var isSource = cmd.Culture == ctx.SourceCulture;
            if (!actor.CanEdit(isSource)) return EditResult.Forbidden(isSource ? "editor.result.source-editors-only" : "editor.result.no-translating");
            var (text, refusal) = Check(cmd.Kind, cmd.Text);
            if (refusal is not null) return EditResult.Invalid(refusal.Message, refusal.Arguments);

            var db = ctx.Db;
            var item = await db.MediaItems.SingleOrDefaultAsync(i => i.Key == cmd.Key && i.Kind == MediaKind.Video, ct);
            if (item is null) return EditResult.NotFound;
            if (item.RetiredAt is not null) return EditResult.Invalid("editor.media.retired");
            var latest = await LatestAsync(db, item.Id, ct);
            var source = latest.SingleOrDefault(t => t.Kind == cmd.Kind && t.Culture == ctx.SourceCulture);
            if (!isSource && source is null) return EditResult.Invalid("editor.media.text-source-first");
            var previous = latest.SingleOrDefault(t => t.Kind == cmd.Kind && t.Culture == cmd.Culture);

            db.MediaTexts.Add(new MediaText
            {
                MediaItemId = item.Id, Kind = cmd.Kind, Culture = cmd.Culture, Text = text!, Sha256 = MediaText.HashOf(text!),
                Version = (previous?.Version ?? 0) + 1, SourceVersion = isSource ? null : source!.Version, UpdatedBy = actor.Name, UpdatedAt = ctx.Now,
            });
            item.Version++;
            ctx.Audit.Record(actor.Name, cmd.Kind == MediaTextKind.Subtitles ? AuditActions.MediaSubtitles : AuditActions.MediaTranscript,
                $"media:{item.Key}", $"{cmd.Culture}, version {(previous?.Version ?? 0) + 1}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return EditResult.Conflict; // the same language written by someone else meanwhile
            }
            await pages.RenderAgainAsync(item.Key, ct); // readers get the new track or transcript without a new publish
            return EditResult.Ok();
        }
    }
}
