using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content.Editing;

namespace Portal.Media;

/// <summary>
/// Gives a video another poster (an image item of the library) without uploading the video again; the pages that show
/// the video are rendered again, so readers see the new poster at once.
/// </summary>
public static class ChangePoster
{
    public sealed record Command(string Key, string? PosterKey);

    public sealed class Handler(EditingContext ctx, MediaPages pages)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return EditResult.Forbidden("editor.media.editors-only");
            var db = ctx.Db;
            var video = await db.MediaItems.SingleOrDefaultAsync(i => i.Key == cmd.Key && i.Kind == MediaKind.Video, ct);
            if (video is null) return EditResult.NotFound;
            if (video.RetiredAt is not null) return EditResult.Invalid("editor.media.retired");
            var poster = cmd.PosterKey?.Trim();
            if (string.IsNullOrEmpty(poster)) return EditResult.Invalid("editor.media.poster-required");
            if (!await db.MediaItems.AnyAsync(i => i.Key == poster && i.Kind == MediaKind.Image && i.RetiredAt == null, ct))
                return EditResult.Invalid("editor.media.poster-not-image", poster);
            if (video.PosterKey == poster) return EditResult.Ok();
            ctx.Audit.Record(actor.Name, AuditActions.MediaPoster, $"media:{video.Key}", $"{video.PosterKey} → {poster}");
            video.PosterKey = poster;
            video.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict;
            }
            await pages.RenderAgainAsync(video.Key, ct);
            return EditResult.Ok();
        }
    }
}
