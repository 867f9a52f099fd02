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
    public static async Task<IReadOnlyList<string>> ImportAsync(PortalDbContext db, MediaStore store, IReadOnlyList<MediaFolderItem> media, DateTimeOffset now,
        List<ContentProblem> problems, IStringLocalizerFactory? strings, CancellationToken ct)
    {
        var changed = new List<string>();
        foreach (var m in media)
        {
            // Checked again: the folder may have changed since validate, and only checked bytes are stored.
            var files = new List<(string? Culture, CheckedFile File)>();
            foreach (var f in m.Files)
            {
                var filePath = Path.Combine(m.Folder, f.File);
                var (file, refusal) = MediaFolder.Check(filePath, m.Kind == MediaKind.Document);
                if (refusal is not null) problems.Add(new(Path.GetRelativePath(Directory.GetCurrentDirectory(), filePath), 0, new FieldError("file", refusal.Message, refusal.Arguments).English(strings)));
                else files.Add((f.Culture, file!));
            }
            if (files.Count < m.Files.Count) continue;

            var item = await db.MediaItems.Include(i => i.AltTexts).SingleOrDefaultAsync(i => i.Key == m.Key, ct);
            if (item is not null && item.Kind != m.Kind)
            {
                problems.Add(new(m.Path, 1, $"kind '{m.Kind.ToString().ToLowerInvariant()}': media:{m.Key} in the library is a {item.Kind.ToString().ToLowerInvariant()}"));
                continue;
            }
            // What each language (an image: its one file) has now: a file that is the same keeps its revision.
            var revisions = item is null ? [] : await db.MediaRevisions.Where(r => r.MediaItemId == item.Id).Select(r => new { r.Id, r.Number, r.Culture, r.Sha256 }).ToListAsync(ct);
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
            var number = revisions.Count == 0 ? 0 : revisions.Max(r => r.Number);
            foreach (var (culture, file) in files)
            {
                var currentSha = m.Kind == MediaKind.Document
                    ? revisions.Where(r => r.Culture == culture).MaxBy(r => r.Number)?.Sha256
                    : revisions.SingleOrDefault(r => r.Id == item.CurrentRevisionId)?.Sha256;
                if (currentSha == file.Sha256) continue;
                revision = await RevisionAsync(store, ++number, culture, file, m.Created ?? now, ct);
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

    /// <summary>A new revision from a checked file, its bytes (and an image's copies) kept through the store as an upload's are.</summary>
    private static async Task<MediaRevision> RevisionAsync(MediaStore store, int number, string? culture, CheckedFile file, DateTimeOffset at, CancellationToken ct)
    {
        var revision = new MediaRevision
        {
            Number = number, ContentType = file.ContentType, Size = file.Bytes.Length, Sha256 = file.Sha256, Width = file.Image?.Width, Height = file.Image?.Height,
            Culture = culture, MetadataFields = file.Document is { } pdf ? MediaRevision.MetadataSummary(pdf.MetadataFields) : null,
            Bytes = await store.KeepAsync(file.Sha256, file.Bytes, ct), UploadedBy = ContentImporter.ImportUser, UploadedAt = at,
        };
        await store.AddCopiesAsync(revision, file.Image?.Copies ?? [], ct);
        return revision;
    }
}
