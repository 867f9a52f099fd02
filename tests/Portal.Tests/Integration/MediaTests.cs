using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: media files are stored in the database, so that every node serves them.
/// <summary>Uploading, replacing and serving images from the media library, as readers' browsers then fetch them.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaTests : IDisposable
{
    private readonly PortalApplication _app = new();
    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });

    private Task<(EditResult Result, string? Key)> UploadAsync(string? key, string name, byte[] bytes, Actor? actor = null)
        => _app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(key, name, bytes), actor ?? Editor));

    private Task<List<string>> FileNamesAsync(string key) => _app.WithDbAsync((db, _) => db.MediaVariants
        .Where(v => db.MediaItems.Any(i => i.Key == key && i.CurrentRevisionId == v.RevisionId)).OrderBy(v => v.Id).Select(v => v.FileName).ToListAsync());

    [Fact]
    public async Task AnUploadedPhotoIsServedAtImmutableAddressesInEveryWidthWithoutItsGpsAndWithoutCookies()
    {
        var (result, key) = await UploadAsync(null, "Mazan portret.JPG", TestImages.JpegWithGps(1600, 1200));
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("mazan-portret", key);

        var files = await FileNamesAsync("mazan-portret");
        Assert.Equal(new[] { "320.webp", "320.jpg", "640.webp", "640.jpg", "1280.webp", "1280.jpg" }, files.Select(f => f[13..]));
        using var reader = _app.CreateReaderClient();
        foreach (var file in files)
        {
            using var response = await reader.GetAsync($"/media/mazan-portret/{file}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(file.EndsWith(".webp", StringComparison.Ordinal) ? "image/webp" : "image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.False(response.Headers.Contains("Set-Cookie"));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Null(TestImages.Gps(bytes));
            Assert.Empty(TestImages.MetadataDirectories(bytes));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/another-key/{files[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/mazan-portret/000000000000-320.webp")).StatusCode);
    }

    [Fact]
    public async Task ReplacingAFileKeepsTheKeyAddsARevisionWithNewAddressesAndTheOldOnesStillAnswer()
    {
        await UploadAsync(null, "leaflet-photo.png", TestImages.Png(800, 400));
        var before = await FileNamesAsync("leaflet-photo");

        var (result, key) = await UploadAsync("leaflet-photo", "leaflet-photo.png", TestImages.Webp(500, 500));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("leaflet-photo", key);
        var after = await FileNamesAsync("leaflet-photo");
        Assert.Equal(new[] { "320.webp", "320.jpg" }, after.Select(f => f[13..]));
        Assert.NotEqual(before[0][..12], after[0][..12]);
        var revisions = await _app.WithDbAsync((db, _) => db.MediaRevisions.Where(r => db.MediaItems.Any(i => i.Key == "leaflet-photo" && i.Id == r.MediaItemId))
            .OrderBy(r => r.Number).Select(r => new { r.Number, r.ContentType, r.Width, r.Height, r.UploadedBy }).ToListAsync());
        Assert.Equal(new[] { (1, "image/png", 800, 400), (2, "image/webp", 500, 500) }, revisions.Select(r => (r.Number, r.ContentType, r.Width!.Value, r.Height!.Value)));
        using var reader = _app.CreateReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/media/leaflet-photo/{before[0]}")).StatusCode); // a cached page's old address
    }

    [Fact]
    public async Task ARefusedUploadStoresNothingAndSaysWhy()
    {
        var (result, key) = await UploadAsync(null, "photo.jpg", "%PDF-1.7\n%%EOF"u8.ToArray());

        Assert.Equal(EditOutcome.Invalid, result.Outcome);
        Assert.Equal("editor.media.refused-pdf", result.Message);
        Assert.Null(key);
        Assert.Equal((0, 0, 0), await _app.WithDbAsync(async (db, _) => (await db.MediaItems.CountAsync(), await db.MediaRevisions.CountAsync(), await db.MediaVariants.CountAsync())));
    }

    [Fact]
    public async Task OnlyEditorsUploadAndAKeyIsNotTakenTwice()
    {
        var translator = new Actor("translator@example.org", new HashSet<string> { Roles.Translator });
        Assert.Equal(EditOutcome.Forbidden, (await UploadAsync(null, "a.jpg", TestImages.Jpeg(100, 100), translator)).Result.Outcome);

        Assert.True((await UploadAsync(null, "return.jpg", TestImages.Jpeg(100, 100))).Result.Succeeded);
        var again = await UploadAsync(null, "Return.png", TestImages.Png(100, 100));
        Assert.Equal("editor.media.key-taken", again.Result.Message);
        Assert.Equal(1, await _app.WithDbAsync((db, _) => db.MediaRevisions.CountAsync()));
    }

    public void Dispose() => _app.Dispose();
}
