using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content.Editing;

namespace Portal.Media;

/// <summary>
/// Adds a video to the media library, or replaces one's file: the container and codecs checked from the file on disk
/// (<see cref="VideoContainer"/>: ASP.NET buffers a large upload to a temporary file, never to memory), then streamed
/// into the revision (<see cref="MediaBlobs"/>) in one transaction, so a refused or failed upload leaves nothing behind. The file is
/// stored as uploaded (video is not re-encoded here); its poster is an image item of the library, named by key.
/// </summary>
public static class UploadVideo
{
    /// <param name="Key">Null for a new item; an existing video's key replaces its file (and its poster, when one is named).</param>
    /// <param name="File">Seekable: read several times (checked, hashed, stored).</param>
    public sealed record Command(string? Key, string FileName, string? DeclaredType, Stream File, string? PosterKey);

    public sealed class Handler(EditingContext ctx, VideoFileCache cache)
    {
        public async Task<(EditResult Result, string? Key)> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return (EditResult.Forbidden("editor.media.editors-only"), null);
            var name = cmd.FileName.Trim();
            if (name.Length is 0 or > MediaItem.MaxName) return (EditResult.Invalid("editor.media.name-required", MediaItem.MaxName), null);
            var poster = string.IsNullOrWhiteSpace(cmd.PosterKey) ? null : cmd.PosterKey.Trim();
            if (poster is null && cmd.Key is null) return (EditResult.Invalid("editor.media.poster-required"), null);
            if (poster is not null && !await ctx.Db.MediaItems.AnyAsync(i => i.Key == poster && i.Kind == MediaKind.Image && i.RetiredAt == null, ct))
                return (EditResult.Invalid("editor.media.poster-not-image", poster), null);

            var (video, refusal) = VideoContainer.Check(cmd.File, name, cmd.DeclaredType);
            if (refusal is not null) return (EditResult.Invalid(refusal.Message, refusal.Arguments), null);

            var (item, refused) = await UploadMedia.ItemForAsync(ctx, cmd.Key, name, MediaKind.Video, actor, ct);
            if (item is null) return (refused!, null);
            if (poster is not null) item.PosterKey = poster;

            cmd.File.Position = 0;
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(cmd.File, ct));
            var size = cmd.File.Length;
            var number = item.Id == 0 ? 1 : await ctx.Db.MediaRevisions.Where(r => r.MediaItemId == item.Id).MaxAsync(r => r.Number, ct) + 1;
            var revision = new MediaRevision
            {
                Number = number, ContentType = video!.ContentType, Size = size, Sha256 = sha256, Width = video.Width, Height = video.Height,
                Bytes = [], UploadedBy = actor.Name, UploadedAt = ctx.Now, // the bytes are streamed in by SaveAsync, never held in memory
            };
            item.Revisions.Add(revision);
            ctx.Audit.Record(actor.Name, number == 1 ? AuditActions.MediaUploaded : AuditActions.MediaReplaced, $"media:{item.Key}",
                $"{video.ContentType} ({video.VideoCodec}{(video.AudioCodec is { } a ? "/" + a : "")}), {video.Width}×{video.Height}, {size} bytes");
            if (!await UploadMedia.SaveAsync(ctx.Db, item, revision, ct, cmd.File)) return (EditResult.Conflict, null);

            // The first reader need not wait for the database: the node that took the upload has the file at hand.
            cmd.File.Position = 0;
            await cache.PutAsync(sha256, cmd.File, ct);
            return (EditResult.Ok(), item.Key);
        }
    }
}
