using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;

namespace Portal.Media;

/// <summary>
/// Adds an image or a PDF document to the media library, or replaces the file of one already there (same key, a new
/// revision; for a document, the file of one language): checked first (<see cref="ImageUpload"/>, re-encoded;
/// <see cref="PdfUpload"/>), then the item, the revision and every variant written in one transaction, so a refused or
/// failed upload leaves nothing behind in the database (the folder store may keep a file no row names: harmless, as
/// files are named by their hash). Videos: <see cref="UploadVideo"/>, which shares the item and save steps below.
/// </summary>
public static class UploadMedia
{
    /// <param name="Key">Null for a new item (its key is made from <paramref name="Name"/>); an existing key replaces that item's file.</param>
    /// <param name="Culture">For a document: the language of this PDF (default the source language); ignored for an image.</param>
    public sealed record Command(string? Key, string Name, byte[] Bytes, string? Culture = null);

    public sealed class Handler(EditingContext ctx, MediaStore store, PortalOptions options, MediaPages pages)
    {
        public async Task<(EditResult Result, string? Key)> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return (EditResult.Forbidden("editor.media.editors-only"), null);
            var name = cmd.Name.Trim();
            if (name.Length is 0 or > MediaItem.MaxName) return (EditResult.Invalid("editor.media.name-required", MediaItem.MaxName), null);

            var db = ctx.Db;
            var existingKind = cmd.Key is null ? null : await db.MediaItems.Where(i => i.Key == cmd.Key).Select(i => (MediaKind?)i.Kind).SingleOrDefaultAsync(ct);
            var kind = existingKind ?? (IsPdf(name, cmd.Bytes) ? MediaKind.Document : MediaKind.Image);
            var culture = kind == MediaKind.Document ? cmd.Culture ?? ctx.SourceCulture : null;
            if (culture is not null && !options.Cultures.Contains(culture)) return (EditResult.Invalid("editor.media.pdf-language", culture), null);

            MediaRevision revision;
            if (kind == MediaKind.Document)
            {
                var (pdf, refusal) = PdfUpload.Check(cmd.Bytes);
                if (refusal is not null) return (EditResult.Invalid(refusal.Message, refusal.Arguments), null);
                revision = new MediaRevision
                {
                    ContentType = "application/pdf", Size = pdf!.Bytes.Length, Sha256 = pdf.Sha256, Culture = culture,
                    MetadataFields = MediaRevision.MetadataSummary(pdf.MetadataFields),
                    Bytes = await store.KeepAsync(pdf.Sha256, pdf.Bytes, ct), UploadedBy = actor.Name, UploadedAt = ctx.Now,
                };
            }
            else if (kind == MediaKind.Image)
            {
                var (image, refusal) = ImageUpload.Check(cmd.Bytes);
                if (refusal is not null) return (EditResult.Invalid(refusal.Message, refusal.Arguments), null);
                revision = new MediaRevision
                {
                    ContentType = image!.ContentType, Size = image.Bytes.Length, Sha256 = image.Sha256, Width = image.Width, Height = image.Height,
                    Bytes = await store.KeepAsync(image.Sha256, image.Bytes, ct), UploadedBy = actor.Name, UploadedAt = ctx.Now,
                };
                await store.AddCopiesAsync(revision, image.Copies, ct);
            }
            else return (EditResult.Invalid("editor.media.replace-same-kind"), null); // a video's file is replaced through UploadVideo

            var (item, refused) = await ItemForAsync(ctx, cmd.Key, name, kind, actor, ct);
            if (item is null) return (refused!, null);
            var number = item.Id == 0 ? 1 : await db.MediaRevisions.Where(r => r.MediaItemId == item.Id).MaxAsync(r => r.Number, ct) + 1;
            revision.Number = number;
            item.Revisions.Add(revision);
            ctx.Audit.Record(actor.Name, number == 1 ? AuditActions.MediaUploaded : AuditActions.MediaReplaced, $"media:{item.Key}",
                kind == MediaKind.Document ? $"{revision.ContentType} ({culture}), {revision.Size} bytes" : $"{revision.ContentType}, {revision.Width}×{revision.Height}, {revision.Size} bytes");

            if (!await SaveAsync(db, item, revision, ct)) return (EditResult.Conflict, null); // replaced by someone else meanwhile: nothing of this upload was kept
            if (number > 1) await pages.RenderAgainAsync(item.Key, ct); // readers see the new file at once, under its new addresses
            return (EditResult.Ok(), item.Key);
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
            var newKey = MediaKeys.FromName(name);
            if (newKey.Length == 0) newKey = await MediaKeys.FallbackAsync(db, kind, ct);
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

    /// <summary>
    /// A document when its name says .pdf (its bytes are then checked as a PDF: a JPEG so named is refused), or when it has
    /// no extension and its bytes are a PDF's; a PDF named .jpg goes to the image checks, which refuse it as a PDF.
    /// </summary>
    private static bool IsPdf(string name, byte[] bytes) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => true,
        "" => bytes.AsSpan().StartsWith("%PDF-"u8),
        _ => false,
    };
}
