using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Content;
using Portal.Content.Import;
using Portal.Data;

namespace Portal.Media;

/// <summary>
/// Brings the media library in line with a content folder's <c>media/</c>, inside the content import's transaction and
/// before its texts (their bodies name these items). A file is checked again as it is read and kept byte for byte; its
/// copies are made from it as an upload's are, so an export imported into an empty database serves the same bytes at
/// the same addresses. An item whose file is unchanged keeps its revision; another file becomes a new revision.
/// </summary>
public static class MediaImport
{
    /// <returns>The keys of the items already in the library whose file, alt text or retirement changed (texts showing them are rendered again).</returns>
    public static async Task<IReadOnlyList<string>> ImportAsync(PortalDbContext db, IReadOnlyList<MediaFolderItem> media, DateTimeOffset now,
        List<ContentProblem> problems, IStringLocalizerFactory? strings, CancellationToken ct)
    {
        var changed = new List<string>();
        foreach (var m in media)
        {
            var filePath = Path.Combine(m.Folder, m.File);
            // Checked again: the folder may have changed since validate, and only checked bytes are stored.
            var (image, refusal) = File.Exists(filePath) ? ImageUpload.CheckStored(await File.ReadAllBytesAsync(filePath, ct)) : (null, new Refusal("editor.media.refused-empty"));
            if (refusal is not null)
            {
                problems.Add(new(Path.GetRelativePath(Directory.GetCurrentDirectory(), filePath), 0, new FieldError("file", refusal.Message, refusal.Arguments).English(strings)));
                continue;
            }

            var item = await db.MediaItems.Include(i => i.AltTexts).SingleOrDefaultAsync(i => i.Key == m.Key, ct);
            var currentSha = item?.CurrentRevisionId is { } rid ? await db.MediaRevisions.Where(r => r.Id == rid).Select(r => r.Sha256).SingleAsync(ct) : null;
            var itemChanged = false;
            var existed = item is not null;
            if (item is null)
            {
                item = new MediaItem { Key = m.Key, Kind = m.Kind, Name = m.Name, CreatedAt = m.Created ?? now, CreatedBy = ContentImporter.ImportUser };
                db.MediaItems.Add(item);
            }
            else if (item.Name != m.Name)
            {
                item.Name = m.Name;
                itemChanged = true;
            }
            if (item.RetiredAt != m.Retired)
            {
                item.RetiredAt = m.Retired;
                itemChanged = true;
            }

            MediaRevision? revision = null;
            if (currentSha != image!.Sha256)
            {
                var number = item.Id == 0 ? 1 : await db.MediaRevisions.Where(r => r.MediaItemId == item.Id).MaxAsync(r => r.Number, ct) + 1;
                revision = new MediaRevision
                {
                    Number = number, ContentType = image.ContentType, Size = image.Bytes.Length, Sha256 = image.Sha256, Width = image.Width, Height = image.Height,
                    Bytes = image.Bytes, UploadedBy = ContentImporter.ImportUser, UploadedAt = m.Created ?? now,
                };
                revision.Variants.AddRange(image.Copies.Select(c => new MediaVariant
                {
                    FileName = $"{revision.Fingerprint}-{c.Width}.{c.Extension}", ContentType = c.ContentType, Width = c.Width, Height = c.Height, Bytes = c.Bytes,
                }));
                item.Revisions.Add(revision);
                itemChanged = true;
            }

            foreach (var alt in m.Alt)
            {
                var row = item.AltTexts.SingleOrDefault(a => a.Culture == alt.Culture);
                if (row is not null && row.Text == alt.Text && row.Version == alt.Version && row.SourceVersion == alt.TranslatedFrom) continue;
                if (row is null) item.AltTexts.Add(row = new MediaAltText { Culture = alt.Culture, Text = alt.Text, UpdatedBy = ContentImporter.ImportUser });
                (row.Text, row.Version, row.SourceVersion, row.UpdatedBy, row.UpdatedAt) = (alt.Text, alt.Version, alt.TranslatedFrom, ContentImporter.ImportUser, now);
                itemChanged = true;
            }
            if (itemChanged)
            {
                item.Version++;
                await db.SaveChangesAsync(ct); // the revision's id, for the item's pointer
                if (revision is not null)
                {
                    item.CurrentRevisionId = revision.Id;
                    await db.SaveChangesAsync(ct);
                }
                if (existed) changed.Add(m.Key);
            }
            // Let the bytes go: a library of hundreds of images must not stay in the change tracker until the import ends.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is MediaItem or MediaRevision or MediaVariant or MediaAltText).ToList())
                entry.State = EntityState.Detached;
        }
        return changed;
    }
}
