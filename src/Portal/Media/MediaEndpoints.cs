using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Media;

/// <summary>
/// Serves media files from the database at fingerprinted addresses, <c>/media/&lt;key&gt;/&lt;fingerprint&gt;-&lt;width&gt;.&lt;ext&gt;</c>:
/// a new file gets a new address, so every address may be cached for a year and never asked again. Not in the output
/// cache: images would crowd the pages out of it and hold the process's memory; a browser or proxy keeps them instead.
/// </summary>
public static partial class MediaEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{key}/{file}", ReaderMethods.Read, async (string key, string file, HttpContext http, PortalDbContext db, CancellationToken ct) =>
        {
            if (!FileName().IsMatch(file) || key.Length > MediaItem.MaxKey) return Results.NotFound();
            var found = await db.MediaVariants.AsNoTracking()
                .Where(v => v.FileName == file && db.MediaItems.Any(i => i.Key == key && i.Id == v.Revision.MediaItemId))
                .Select(v => new { v.ContentType, v.Bytes }).FirstOrDefaultAsync(ct);
            if (found is null) return Results.NotFound();
            http.Response.Headers.CacheControl = Immutable;
            return Results.Bytes(found.Bytes, found.ContentType, entityTag: new EntityTagHeaderValue($"\"{file}\""));
        });
        return app;
    }

    [GeneratedRegex(@"^[0-9a-f]{12}-[0-9]{1,5}\.(webp|jpg)$")]
    private static partial Regex FileName();
}
