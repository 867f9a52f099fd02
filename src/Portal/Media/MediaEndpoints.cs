using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Media;

/// <summary>
/// Serves media files (from the database or the folder, <see cref="MediaStore"/>) at fingerprinted addresses, <c>/media/&lt;key&gt;/&lt;fingerprint&gt;-&lt;width&gt;.&lt;ext&gt;</c>
/// (and a document's, a video's file and subtitles, below):
/// a new file gets a new address, so every address may be cached for a year and never asked again. Not in the output
/// cache: images would crowd the pages out of it and hold the process's memory; a browser or proxy keeps them instead.
/// </summary>
public static partial class MediaEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{key}/{file}", ReaderMethods.Read, async (string key, string file, HttpContext http, PortalDbContext db, MediaStore store, VideoFileCache videos, CancellationToken ct) =>
        {
            if (key.Length > MediaItem.MaxKey) return Results.NotFound();
            if (DocumentName().IsMatch(file)) return await DocumentAsync(key, file[..12], http, db, store, ct);
            if (VideoName().Match(file) is { Success: true } video) return await VideoAsync(key, video.Groups[1].Value, video.Groups[2].Value, http, db, videos, ct);
            if (SubtitlesName().Match(file) is { Success: true } vtt) return await SubtitlesAsync(key, vtt.Groups[1].Value, vtt.Groups[2].Value, http, db, ct);
            if (!FileName().IsMatch(file)) return Results.NotFound();
            var found = await db.MediaVariants.AsNoTracking()
                .Where(v => v.FileName == file && db.MediaItems.Any(i => i.Key == key && i.Id == v.Revision.MediaItemId))
                .Select(v => new { v.ContentType, v.Sha256, v.Bytes }).FirstOrDefaultAsync(ct);
            if (found is null || store.Open(found.Sha256, found.Bytes) is not { } bytes) return Results.NotFound();
            http.Response.Headers.CacheControl = Immutable;
            return Results.Stream(bytes, found.ContentType, entityTag: new EntityTagHeaderValue($"\"{file}\""));
        });
        return app;
    }

    /// <summary>
    /// A document's file, <c>/media/&lt;key&gt;/&lt;fingerprint&gt;.pdf</c>, as a download: a PDF opened inside the browser
    /// would run its viewer on our origin; saved, it opens in the phone's own reader. The name is the title in the file's
    /// language (<c>filename*</c>, UTF-8) with an ASCII name beside it for old browsers.
    /// </summary>
    private static async Task<IResult> DocumentAsync(string key, string fingerprint, HttpContext http, PortalDbContext db, MediaStore store, CancellationToken ct)
    {
        var found = await db.MediaRevisions.AsNoTracking()
            .Where(r => r.ContentType == "application/pdf" && r.Sha256.StartsWith(fingerprint) && db.MediaItems.Any(i => i.Key == key && i.Id == r.MediaItemId))
            .Select(r => new
            {
                r.Sha256, r.Bytes, r.Culture,
                Title = db.MediaAltTexts.Where(a => a.MediaItemId == r.MediaItemId && a.Culture == r.Culture).Select(a => a.Text).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
        if (found is null || store.Open(found.Sha256, found.Bytes) is not { } bytes) return Results.NotFound();
        var ascii = $"{key}-{found.Culture}.pdf";
        http.Response.Headers.CacheControl = Immutable;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = ascii, FileNameStar = $"{DocumentLinks.FileTitle(found.Title) ?? key}.pdf",
        }.ToString();
        return Results.Stream(bytes, "application/pdf", entityTag: new EntityTagHeaderValue($"\"{fingerprint}\""));
    }

    /// <summary>
    /// A video, <c>&lt;fingerprint&gt;.&lt;mp4|webm&gt;</c>, from this node's copy on disk (<see cref="VideoFileCache"/>) with
    /// range requests: a phone fetches the part it plays or seeks to (206, or 416 for a range outside the file).
    /// </summary>
    private static async Task<IResult> VideoAsync(string key, string fingerprint, string extension, HttpContext http, PortalDbContext db, VideoFileCache videos, CancellationToken ct)
    {
        var contentType = extension == "mp4" ? "video/mp4" : "video/webm";
        var found = await db.MediaRevisions.AsNoTracking()
            .Where(r => r.Sha256.StartsWith(fingerprint) && r.ContentType == contentType && db.MediaItems.Any(i => i.Key == key && i.Id == r.MediaItemId && i.Kind == MediaKind.Video))
            .Select(r => new { r.Id, r.Sha256, r.UploadedAt }).FirstOrDefaultAsync(ct);
        if (found is null || await videos.PathAsync(db, found.Id, found.Sha256, ct) is not { } path) return Results.NotFound();
        http.Response.Headers.CacheControl = Immutable;
        return Results.File(path, contentType, lastModified: found.UploadedAt, entityTag: new EntityTagHeaderValue($"\"{fingerprint}.{extension}\""), enableRangeProcessing: true);
    }

    /// <summary>A subtitle track, <c>&lt;fingerprint&gt;.&lt;language&gt;.vtt</c>: every version stays, so a page keeps the track it was published with.</summary>
    private static async Task<IResult> SubtitlesAsync(string key, string fingerprint, string culture, HttpContext http, PortalDbContext db, CancellationToken ct)
    {
        var text = await db.MediaTexts.AsNoTracking()
            .Where(t => t.Kind == MediaTextKind.Subtitles && t.Culture == culture && t.Sha256.StartsWith(fingerprint) && db.MediaItems.Any(i => i.Key == key && i.Id == t.MediaItemId))
            .Select(t => t.Text).FirstOrDefaultAsync(ct);
        if (text is null) return Results.NotFound();
        http.Response.Headers.CacheControl = Immutable;
        return Results.Text(text, "text/vtt; charset=utf-8");
    }

    [GeneratedRegex(@"^[0-9a-f]{12}-[0-9]{1,5}\.(webp|jpg)$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^[0-9a-f]{12}\.pdf$")]
    private static partial Regex DocumentName();

    [GeneratedRegex(@"^([0-9a-f]{12})\.(mp4|webm)$")]
    private static partial Regex VideoName();

    [GeneratedRegex(@"^([0-9a-f]{12})\.([a-z]{2,3})\.vtt$")]
    private static partial Regex SubtitlesName();
}
