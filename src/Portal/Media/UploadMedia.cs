using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;

namespace Portal.Media;

/// <summary>
/// Adds an image to the media library, or replaces the file of one already there (same key, a new revision): checked and
/// re-encoded first (<see cref="ImageUpload"/>), then the item, the revision and every variant written in one
/// transaction, so a refused or failed upload leaves nothing behind.
/// </summary>
public static class UploadMedia
{
    /// <param name="Key">Null for a new item (its key is made from <paramref name="Name"/>); an existing key replaces that item's file.</param>
    public sealed record Command(string? Key, string Name, byte[] Bytes);

    public sealed class Handler(EditingContext ctx, MediaPages pages)
    {
        public async Task<(EditResult Result, string? Key)> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return (EditResult.Forbidden("editor.media.editors-only"), null);
            var name = cmd.Name.Trim();
            if (name.Length is 0 or > MediaItem.MaxName) return (EditResult.Invalid("editor.media.name-required", MediaItem.MaxName), null);

            var (image, refusal) = ImageUpload.Check(cmd.Bytes);
            if (refusal is not null) return (EditResult.Invalid(refusal.Message, refusal.Arguments), null);

            var db = ctx.Db;
            MediaItem item;
            if (cmd.Key is null)
            {
                var key = MediaKeys.FromName(name);
                if (key.Length == 0) key = await MediaKeys.FallbackAsync(db, MediaKind.Image, ct);
                if (!Slugs.IsValid(key)) return (EditResult.Invalid("editor.media.name-required", MediaItem.MaxName), null);
                if (await db.MediaItems.AnyAsync(i => i.Key == key, ct)) return (EditResult.Invalid("editor.media.key-taken", key), null);
                item = new MediaItem { Key = key, Name = name, Kind = MediaKind.Image, CreatedAt = ctx.Now, CreatedBy = actor.Name };
                db.MediaItems.Add(item);
            }
            else
            {
                if (await db.MediaItems.SingleOrDefaultAsync(i => i.Key == cmd.Key, ct) is not { } existing) return (EditResult.NotFound, null);
                item = existing;
                if (item.RetiredAt is not null) return (EditResult.Invalid("editor.media.retired"), null);
                item.Version++;
            }

            var number = item.Id == 0 ? 1 : await db.MediaRevisions.Where(r => r.MediaItemId == item.Id).MaxAsync(r => r.Number, ct) + 1;
            var revision = new MediaRevision
            {
                Number = number, ContentType = image!.ContentType, Size = image.Bytes.Length, Sha256 = image.Sha256,
                Width = image.Width, Height = image.Height, Bytes = image.Bytes, UploadedBy = actor.Name, UploadedAt = ctx.Now,
            };
            revision.Variants.AddRange(image.Copies.Select(c => new MediaVariant
            {
                FileName = $"{revision.Fingerprint}-{c.Width}.{c.Extension}", ContentType = c.ContentType, Width = c.Width, Height = c.Height, Bytes = c.Bytes,
            }));
            item.Revisions.Add(revision);
            ctx.Audit.Record(actor.Name, number == 1 ? AuditActions.MediaUploaded : AuditActions.MediaReplaced, $"media:{item.Key}",
                $"{revision.ContentType}, {revision.Width}×{revision.Height}, {revision.Size} bytes");

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct); // the revision's id, for the item's pointer
                item.CurrentRevisionId = revision.Id;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return (EditResult.Conflict, null); // replaced by someone else meanwhile: nothing of this upload was kept
            }
            if (number > 1) await pages.RenderAgainAsync(item.Key, ct); // readers see the new file at once, under its new addresses
            return (EditResult.Ok(), item.Key);
        }
    }
}
