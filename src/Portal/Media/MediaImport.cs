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
/// the same addresses. An item whose file is unchanged keeps its revision; another file becomes a new revision. A video's
/// file is streamed into its row as an upload's is (<see cref="MediaBlobs"/>); its subtitles and transcripts keep their
/// versions (rows are only added: a version the library has is left, one it lacks is added).
/// </summary>
public static class MediaImport
{
    /// <returns>The keys of the items already in the library whose file, alt text or retirement changed (texts showing them are rendered again).</returns>
    public static async Task<IReadOnlyList<string>> ImportAsync(PortalDbContext db, MediaStore store, IReadOnlyList<MediaFolderItem> media, DateTimeOffset now,
        List<ContentProblem> problems, IStringLocalizerFactory? strings, CancellationToken ct)
    {
        var changed = new List<string>();
        // Videos last: their posters are images of the same folder.
        foreach (var m in media.OrderBy(m => m.Kind == MediaKind.Video))
        {
            // Checked again: the folder may have changed since validate, and only checked bytes are stored.
            var files = new List<(string? Culture, CheckedFile File)>();
            foreach (var f in m.Files)
            {
                var filePath = Path.Combine(m.Folder, f.File);
                var (file, refusal) = MediaFolder.Check(filePath, m.Kind);
                if (refusal is not null) problems.Add(new(Path.GetRelativePath(Directory.GetCurrentDirectory(), filePath), 0, new FieldError("file", refusal.Message, refusal.Arguments).English(strings)));
                else files.Add((f.Culture, file!));
            }
            if (files.Count < m.Files.Count) continue;
            if (m.Poster is not null && !await db.MediaItems.AnyAsync(i => i.Key == m.Poster && i.Kind == MediaKind.Image, ct))
            {
                problems.Add(new(m.Path, 1, $"poster '{m.Poster}': no image of that key in {MediaFolder.Name}/ or in the library"));
                continue;
            }

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
            if (m.Kind == MediaKind.Video && item.PosterKey != m.Poster)
            {
                item.PosterKey = m.Poster;
                itemChanged = true;
            }

            MediaRevision? revision = null;
            string? videoPath = null;
            var number = revisions.Count == 0 ? 0 : revisions.Max(r => r.Number);
            foreach (var (culture, file) in files)
            {
                var currentSha = m.Kind == MediaKind.Document
                    ? revisions.Where(r => r.Culture == culture).MaxBy(r => r.Number)?.Sha256
                    : revisions.SingleOrDefault(r => r.Id == item.CurrentRevisionId)?.Sha256;
                if (currentSha == file.Sha256) continue;
                revision = await RevisionAsync(store, ++number, culture, file, m.Created ?? now, ct);
                if (file.Video is not null) videoPath = Path.Combine(m.Folder, m.Files.Single().File);
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
            if (m.Texts is { Count: > 0 } && !await TextsAsync(db, item, existed, m, now, problems, ct)) continue;
            itemChanged |= item.Texts.Count > 0;
            if (itemChanged)
            {
                item.Version++;
                await db.SaveChangesAsync(ct); // the revision's id, for the item's pointer
                if (revision is not null)
                {
                    if (videoPath is not null)
                    {
                        await using var video = new FileStream(videoPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                        await MediaBlobs.WriteAsync(db, revision.Id, video, ct); // inside the import's transaction, as an upload's is inside its own
                    }
                    item.CurrentRevisionId = revision.Id;
                    await db.SaveChangesAsync(ct);
                }
                if (existed) changed.Add(m.Key);
            }
            // Let the bytes go: a library of hundreds of images must not stay in the change tracker until the import ends.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is MediaItem or MediaRevision or MediaVariant or MediaAltText or MediaText).ToList())
                entry.State = EntityState.Detached;
        }
        return changed;
    }

    /// <summary>
    /// Adds to <see cref="MediaItem.Texts"/> the versions of a video's subtitles and transcripts the library lacks, each with
    /// its version, the Dutch version it was made from and when it was written, so translators see the same states; false
    /// (with the problem) when the library has one of these versions with another text.
    /// </summary>
    private static async Task<bool> TextsAsync(PortalDbContext db, MediaItem item, bool existed, MediaFolderItem m, DateTimeOffset now, List<ContentProblem> problems, CancellationToken ct)
    {
        var held = existed ? await db.MediaTexts.Where(t => t.MediaItemId == item.Id).Select(t => new { t.Kind, t.Culture, t.Version, t.Sha256, t.SourceVersion }).ToListAsync(ct) : [];
        var added = new List<MediaText>();
        foreach (var text in m.Texts!)
        {
            var sha256 = MediaText.HashOf(text.Text);
            var same = held.SingleOrDefault(h => h.Kind == text.Kind && h.Culture == text.Culture && h.Version == text.Version);
            if (same is not null && (same.Sha256 != sha256 || same.SourceVersion != text.TranslatedFrom))
            {
                problems.Add(new(m.Path, 1, $"{text.File}: version {text.Version} is in the library with another text; import into an empty database, or give it the next version"));
                return false;
            }
            if (same is not null) continue;
            added.Add(new MediaText
            {
                Kind = text.Kind, Culture = text.Culture, Text = text.Text, Sha256 = sha256, Version = text.Version, SourceVersion = text.TranslatedFrom,
                UpdatedBy = ContentImporter.ImportUser, UpdatedAt = text.Updated ?? now,
            });
        }
        item.Texts.AddRange(added);
        return true;
    }

    /// <summary>A new revision from a checked file, its bytes (and an image's copies) kept through the store as an upload's are.</summary>
    private static async Task<MediaRevision> RevisionAsync(MediaStore store, int number, string? culture, CheckedFile file, DateTimeOffset at, CancellationToken ct)
    {
        var revision = new MediaRevision
        {
            Number = number, ContentType = file.ContentType, Size = file.Size, Sha256 = file.Sha256,
            Width = file.Image?.Width ?? file.Video?.Width, Height = file.Image?.Height ?? file.Video?.Height,
            Culture = culture, MetadataFields = file.Document is { } pdf ? MediaRevision.MetadataSummary(pdf.MetadataFields) : null,
            UploadedBy = ContentImporter.ImportUser, UploadedAt = at,
            Bytes = file.Video is null ? await store.KeepAsync(file.Sha256, file.Bytes, ct) : [], // a video's is streamed in once its row exists
        };
        await store.AddCopiesAsync(revision, file.Image?.Copies ?? [], ct);
        return revision;
    }
}
