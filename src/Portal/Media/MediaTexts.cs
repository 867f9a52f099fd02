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

    public sealed record Command(string Key, MediaTextKind Kind, string Culture, string? Text);

    public sealed class Handler(EditingContext ctx, PortalOptions options, MediaPages pages)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!options.Cultures.Contains(cmd.Culture)) return EditResult.NotFound;
            var isSource = cmd.Culture == ctx.SourceCulture;
            if (!actor.CanEdit(isSource)) return EditResult.Forbidden(isSource ? "editor.result.source-editors-only" : "editor.result.no-translating");
            var text = (cmd.Text ?? "").Replace("\r\n", "\n").Trim();
            if (cmd.Kind == MediaTextKind.Subtitles)
            {
                if (WebVtt.Parse(text).Refusal is { } refusal) return EditResult.Invalid(refusal.Message, refusal.Arguments);
                text += "\n";
            }
            else if (text.Length is 0 or > MediaText.MaxTranscript) return EditResult.Invalid("editor.media.transcript-required", MediaText.MaxTranscript);

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
                MediaItemId = item.Id, Kind = cmd.Kind, Culture = cmd.Culture, Text = text, Sha256 = MediaText.HashOf(text),
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
