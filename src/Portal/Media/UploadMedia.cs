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

    public sealed class Handler(EditingContext ctx)
    {
        public async Task<(EditResult Result, string? Key)> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return (EditResult.Forbidden("editor.media.editors-only"), null);
            var name = cmd.Name.Trim();
            if (name.Length is 0 or > MediaItem.MaxName) return (EditResult.Invalid("editor.media.name-required", MediaItem.MaxName), null);

            var (image, refusal) = ImageUpload.Check(cmd.Bytes);
            if (refusal is not null) return (EditResult.Invalid(refusal.Message, refusal.Arguments), null);

            var db = ctx.Db;
            var (item, refused) = await ItemForAsync(ctx, cmd.Key, name, MediaKind.Image, actor, ct);
            if (item is null) return (refused!, null);

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

            if (!await SaveAsync(db, item, revision, ct)) return (EditResult.Conflict, null); // replaced by someone else meanwhile: nothing of this upload was kept
            return (EditResult.Ok(), item.Key); // no page changes: a body shows the file it was saved with (docs/editor.md#media-library)
        }
    }

    /// <summary>Writes the item and its new revision in one transaction and points the item at it; false when someone else changed the item meanwhile.</summary>
    /// <param name="file">For a video: its bytes, streamed into the revision's row (<see cref="MediaBlobs"/>) in the same transaction.</param>
    internal static async Task<bool> SaveAsync(Data.PortalDbContext db, MediaItem item, MediaRevision revision, CancellationToken ct, Stream? file = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct); // the revision's id, for the item's pointer
            if (file is not null) await MediaBlobs.WriteAsync(db, revision.Id, file, ct);
            item.CurrentRevisionId = revision.Id;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>The item a new upload makes, or the existing one whose file it replaces (null result: refused, with why).</summary>
    internal static async Task<(MediaItem? Item, EditResult? Refused)> ItemForAsync(EditingContext ctx, string? key, string name, MediaKind kind, Actor actor, CancellationToken ct)
    {
        var db = ctx.Db;
        if (key is null)
        {
            var newKey = KeyFrom(name);
            if (!Slugs.IsValid(newKey)) return (null, EditResult.Invalid("editor.media.name-required", MediaItem.MaxName));
            if (await db.MediaItems.AnyAsync(i => i.Key == newKey, ct)) return (null, EditResult.Invalid("editor.media.key-taken", newKey));
            var item = new MediaItem { Key = newKey, Name = name, Kind = kind, CreatedAt = ctx.Now, CreatedBy = actor.Name };
            db.MediaItems.Add(item);
            return (item, null);
        }
        if (await db.MediaItems.SingleOrDefaultAsync(i => i.Key == key, ct) is not { } existing) return (null, EditResult.NotFound);
        if (existing.RetiredAt is not null) return (null, EditResult.Invalid("editor.media.retired"));
        if (existing.Kind != kind) return (null, EditResult.Invalid("editor.media.replace-same-kind"));
        existing.Version++;
        return (existing, null);
    }

    /// <summary>A key from a file name: "Mazan portret.JPG" → "mazan-portret".</summary>
    internal static string KeyFrom(string name) => Slugs.FromTitle(Path.GetFileNameWithoutExtension(name) is { Length: > 0 } stem ? stem : name);
}
