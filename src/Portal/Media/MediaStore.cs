using Portal.Data;

namespace Portal.Media;

/// <summary>
/// Where media files' bytes live: in their rows (the default, <c>Portal:Media:Store = Database</c>: every node and
/// <c>backup</c> have them) or, for a single node, in a folder by SHA-256 (<c>Folder</c>, with <c>Portal:Media:Folder</c>),
/// the rows then keeping an empty byte array. Upload and the file endpoint use only this. A row that has bytes is served
/// from them whatever the setting, so a database filled before the switch keeps working.
/// </summary>
public sealed class MediaStore
{
    /// <param name="folder">Null for the database store.</param>
    public MediaStore(string? folder) => Folder = folder;

    public string? Folder { get; }

    /// <summary>
    /// An image's copies for narrow screens on <paramref name="revision"/>, each kept as its file is (an upload and an
    /// import make the same rows), named by the revision's fingerprint and their width.
    /// </summary>
    public async Task AddCopiesAsync(MediaRevision revision, IEnumerable<ImageCopy> copies, CancellationToken ct)
    {
        foreach (var c in copies)
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c.Bytes));
            revision.Variants.Add(new MediaVariant
            {
                FileName = $"{revision.Fingerprint}-{c.Width}.{c.Extension}", ContentType = c.ContentType, Width = c.Width, Height = c.Height,
                Sha256 = sha, Bytes = await KeepAsync(sha, c.Bytes, ct),
            });
        }
    }

    /// <summary>What the row keeps: the bytes themselves, or (folder store) nothing, once the file is safely in the folder.</summary>
    public async Task<byte[]> KeepAsync(string sha256, byte[] bytes, CancellationToken ct)
    {
        if (Folder is null) return bytes;
        var path = PathOf(sha256);
        if (File.Exists(path)) return []; // the same bytes again (a file is named by its hash)
        await WriteWholeAsync(path, async file =>
        {
            await file.WriteAsync(bytes, ct);
            file.Flush(flushToDisk: true);
            return true;
        });
        return [];
    }

    /// <summary>
    /// Writes a file beside <paramref name="path"/> and moves it in only when <paramref name="write"/> says it is whole, so
    /// that a reader never gets half a file and a crash leaves only a .tmp. False (nothing kept) when it says not.
    /// </summary>
    internal static async Task<bool> WriteWholeAsync(string path, Func<FileStream, Task<bool>> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
                if (!await write(file)) return false;
            File.Move(temp, path, overwrite: true);
            return true;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The file's bytes to send: from the row, or from the folder; null when neither has them.</summary>
    public Stream? Open(string sha256, byte[] stored)
    {
        if (stored.Length > 0) return new MemoryStream(stored, writable: false);
        if (Folder is null || sha256.Length != 64) return null;
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    /// <summary>The whole file (export, checks); null when missing.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, byte[] stored, CancellationToken ct)
    {
        if (stored.Length > 0) return stored;
        if (Folder is null || sha256.Length != 64 || !File.Exists(PathOf(sha256))) return null;
        return await File.ReadAllBytesAsync(PathOf(sha256), ct);
    }

    /// <summary>"&lt;folder&gt;/ab/ab12…": the first two hex digits spread the files over 256 folders.</summary>
    private string PathOf(string sha256) => Path.Combine(Folder!, sha256[..2], sha256);

    /// <summary>
    /// The store the configuration names, checked now: an unknown choice, or a folder that is missing or cannot be
    /// written, stops the start with one line (a first upload would otherwise fail in front of an editor).
    /// </summary>
    public static MediaStore FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection("Portal:Media");
        var store = section["Store"]?.Trim();
        if (string.IsNullOrEmpty(store) || store.Equals("Database", StringComparison.OrdinalIgnoreCase)) return new MediaStore(null);
        if (!store.Equals("Folder", StringComparison.OrdinalIgnoreCase))
            throw new PortalConfigurationException($"Portal:Media:Store (Portal__Media__Store) is '{store}'; expected Database (the default) or Folder.");
        var folder = section["Folder"]?.Trim();
        if (string.IsNullOrEmpty(folder))
            throw new PortalConfigurationException("Portal:Media:Store is Folder: Portal:Media:Folder (Portal__Media__Folder) must name an existing folder the portal can write.");
        folder = Path.GetFullPath(folder, contentRoot);
        if (!Directory.Exists(folder))
            throw new PortalConfigurationException($"Portal:Media:Folder {folder} does not exist; create it (writable by the portal) or use Portal:Media:Store=Database.");
        var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PortalConfigurationException($"Portal:Media:Folder {folder} cannot be written by the portal ({ex.Message}).");
        }
        return new MediaStore(folder);
    }
}
