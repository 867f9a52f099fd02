using System.Security.Cryptography;
using Portal.Data;

namespace Portal.Media;

/// <summary>
/// A node's copy on disk of the video files it serves, named by their SHA-256: a phone seeking through a film asks for many
/// ranges, and each must not load 50 MB from the database. The database stays the source of truth: a missing or damaged
/// copy is written again from it, streamed (<see cref="MediaBlobs"/>), never loaded whole. Written to a temporary name and
/// moved into place, so a reader never gets half a file; one file is copied at a time.
/// Folder: <c>Portal:Media:CacheFolder</c>, by default <c>portal-media</c> in the system's temporary folder.
/// </summary>
public sealed class VideoFileCache(IConfiguration configuration)
{
    private readonly string _folder = Path.GetFullPath(configuration["Portal:Media:CacheFolder"] is { Length: > 0 } f ? f : Path.Combine(Path.GetTempPath(), "portal-media"));
    private readonly SemaphoreSlim _loading = new(1, 1);

    public string Folder => _folder;

    private string PathOf(string sha256) => Path.Combine(_folder, sha256);

    /// <summary>The cached file's path, written from the database first when this node has none; null when the database has no such file.</summary>
    public async Task<string?> PathAsync(PortalDbContext db, int revisionId, string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) return path;
        await _loading.WaitAsync(ct);
        try
        {
            if (File.Exists(path)) return path; // written while this request waited
            return await PutAsync(sha256, output => MediaBlobs.CopyToAsync(db, revisionId, output, ct), ct) ? path : null;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Keeps a copy of <paramref name="file"/> (from its current position) under its hash, if it has that hash.</summary>
    public Task PutAsync(string sha256, Stream file, CancellationToken ct) => PutAsync(sha256, async output => { await file.CopyToAsync(output, ct); return true; }, ct);

    private Task<bool> PutAsync(string sha256, Func<Stream, Task<bool>> write, CancellationToken ct) => MediaStore.WriteWholeAsync(PathOf(sha256), async output =>
    {
        if (!await write(output)) return false;
        await output.FlushAsync(ct);
        output.Position = 0;
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(output, ct)) == sha256; // not what the database says: keep nothing
    });
}
