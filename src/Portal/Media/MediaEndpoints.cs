using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Media;

/// <summary>
/// Serves media files (from the database or the folder, <see cref="MediaStore"/>) at fingerprinted addresses, <c>/media/&lt;key&gt;/&lt;fingerprint&gt;-&lt;width&gt;.&lt;ext&gt;</c>:
/// a new file gets a new address, so every address may be cached for a year and never asked again. Not in the output
/// cache: images would crowd the pages out of it and hold the process's memory; a browser or proxy keeps them instead.
/// </summary>
public static partial class MediaEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{key}/{file}", ReaderMethods.Read, async (string key, string file, HttpContext http, PortalDbContext db, MediaStore store, CancellationToken ct) =>
        {
            if (key.Length > MediaItem.MaxKey) return Results.NotFound();
            if (DocumentName().IsMatch(file)) return await DocumentAsync(key, file[..12], http, db, store, ct);
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

    [GeneratedRegex(@"^[0-9a-f]{12}-[0-9]{1,5}\.(webp|jpg)$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^[0-9a-f]{12}\.pdf$")]
    private static partial Regex DocumentName();
}
