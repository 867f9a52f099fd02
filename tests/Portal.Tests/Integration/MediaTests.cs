using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content;
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

    /// <summary>Posts a file through the workspace's upload form, with the antiforgery token the page rendered.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient editor, byte[] bytes, string fileName, string contentType)
    {
        var page = await editor.GetDocumentAsync("/editor/media");
        var form = page.QuerySelector("#upload-form")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "file", fileName);
        return await editor.PostAsync(form.GetAttribute("action"), content);
    }

    [Fact]
    public async Task AnEditorUploadsAGpsPhotoOverFourMegabytesThroughTheWorkspaceAndReadersGetItWithoutGps()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        // Over the app's 4 MB body limit, under the 10 MB image limit: noise does not compress, so the JPEG stays large.
        var photo = TestImages.JpegWithGps(2400, 1800, noise: true);
        Assert.InRange(photo.Length, 4 * 1024 * 1024, 10 * 1024 * 1024);

        using var uploaded = await PostFileAsync(editor, photo, "terugkeer-foto.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var list = await editor.GetDocumentAsync("/editor/media");
        Assert.Contains("![[media:terugkeer-foto]]", list.QuerySelector("#media tr[data-key=terugkeer-foto]")!.TextContent);
        var preview = list.QuerySelector("#media tr[data-key=terugkeer-foto] img")!.GetAttribute("src")!;
        using var reader = _app.CreateReaderClient();
        var served = await reader.GetByteArrayAsync(preview);
        Assert.Null(TestImages.Gps(served));
        Assert.Equal(1, (await editor.GetDocumentAsync("/editor/media?q=TERUGKEER")).QuerySelectorAll("#media tbody tr").Length);
        Assert.Null((await editor.GetDocumentAsync("/editor/media?q=leaflet")).QuerySelector("#media"));
    }

    [Fact]
    public async Task APdfNamedJpgIsRefusedInTheWorkspaceWithItsReasonAndAFileOverTheLimitGets413()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);

        using var pdf = await PostFileAsync(editor, "%PDF-1.7\n%%EOF"u8.ToArray(), "photo.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.Contains("PDF", (await Html.GetDocumentAsync(pdf)).QuerySelector("#media-error")!.TextContent);

        using var huge = await PostFileAsync(editor, new byte[MediaLimits.MaxUploadRequestBytes], "huge.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var refusal = (await Html.GetDocumentAsync(huge)).QuerySelector("main")!.TextContent;
        Assert.Contains($"{MediaLimits.MaxVideoBytes / (1024 * 1024)} MB", refusal); // the library's own limit, not the 4 MB of other forms
        Assert.DoesNotContain("4 MB", refusal);
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.MediaItems.CountAsync()));
    }

    private async Task<EditResult> SaveAndPublishAsync(string itemKey, string culture, string extra)
        => await _app.WithDbAsync(async (db, sp) =>
        {
            // From what readers see, so that a refused attempt's draft is not carried into the next one.
            var t = await db.ContentTranslations.AsNoTracking().Include(x => x.PublishedRevision).SingleAsync(x => x.Item.Key == itemKey && x.Culture == culture);
            var r = t.PublishedRevision!;
            var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(new(t.ContentItemId, culture, t.Version, r.Title, r.Summary,
                r.BodyMarkdown + extra, r.Fields, false, null, r.SourceRevisionId, true), Editor);
            Assert.True(saved.Succeeded, saved.Message);
            return await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(t.Id, saved.RevisionId!.Value), Editor);
        });

    private Task<EditResult> SetAltAsync(string key, string culture, string text, Actor? actor = null)
        => _app.WithDbAsync((_, sp) => sp.GetRequiredService<AltTexts.Handler>().HandleAsync(new(key, culture, text), actor ?? Editor));

    [Fact]
    public async Task ABodyUsingAnImageIsPublishedOnlyWithItsAltTextInThatLanguageAndTheImageCannotBeRetiredWhileShown()
    {
        await UploadAsync(null, "mazan.jpg", TestImages.Jpeg(800, 600));
        const string body = "\n\n![[media:mazan]]\n";

        Assert.Equal("editor.media.unknown-key", (await SaveAndPublishAsync("privacy", "nl", "\n\n![[media:nobody]]\n")).Message);
        Assert.Equal("editor.media.alt-missing", (await SaveAndPublishAsync("privacy", "nl", body)).Message);

        var translator = new Actor("translator@example.org", new HashSet<string> { Roles.Translator });
        Assert.Equal("editor.media.alt-source-first", (await SetAltAsync("mazan", "ar", "رجل يبتسم", translator)).Message);
        Assert.Equal(EditOutcome.Forbidden, (await SetAltAsync("mazan", "nl", "Een man", translator)).Outcome);
        Assert.True((await SetAltAsync("mazan", "nl", "Mazan lacht bij de haven.")).Succeeded);
        Assert.True((await SaveAndPublishAsync("privacy", "nl", body)).Succeeded);
        Assert.True((await SaveAndPublishAsync("privacy", "fr", body)).Succeeded); // no French alt text yet: the Dutch one stands in

        using var reader = _app.CreateReaderClient();
        var img = (await reader.GetDocumentAsync("/nl/privacy")).QuerySelector("main picture img")!;
        Assert.Equal(("Mazan lacht bij de haven.", (string?)null, "lazy", "640", "480"), (img.GetAttribute("alt"), img.GetAttribute("lang"), img.GetAttribute("loading"), img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(img.GetAttribute("src"))).StatusCode);
        var french = (await reader.GetDocumentAsync("/fr/privacy")).QuerySelector("main picture")!;
        Assert.Equal("nl", french.QuerySelector("img")!.GetAttribute("lang"));
        Assert.EndsWith("640.webp 640w", french.QuerySelector("source")!.GetAttribute("srcset"));

        Assert.True((await SetAltAsync("mazan", "en", "Mazan laughs at the harbour.", translator)).Succeeded);
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        var page = await editor.GetDocumentAsync("/editor/media/mazan");
        Assert.Equal("current", page.QuerySelector("form[data-culture=en] .alt-state")!.GetAttribute("data-state"));
        Assert.Equal("missing", page.QuerySelector("form[data-culture=ar] .alt-state")!.GetAttribute("data-state"));
        Assert.Contains("privacy (nl)", page.QuerySelector("#media-uses")!.TextContent);
        Assert.True((await SetAltAsync("mazan", "nl", "Mazan lacht bij de haven van Rotterdam.")).Succeeded);
        page = await editor.GetDocumentAsync("/editor/media/mazan");
        Assert.Equal("outdated", page.QuerySelector("form[data-culture=en] .alt-state")!.GetAttribute("data-state"));

        using var refused = await editor.SubmitAsync(page, "#retire-form");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("privacy (nl)", (await Html.GetDocumentAsync(refused)).QuerySelector("#media-error")!.TextContent);
        Assert.Null(await _app.WithDbAsync((db, _) => db.MediaItems.Where(i => i.Key == "mazan").Select(i => i.RetiredAt).SingleAsync()));
    }

    [Fact]
    public async Task AnUnusedImageIsRetiredOutOfTheLibraryAndCannotBePlacedAnyMore()
    {
        await UploadAsync(null, "old-leaflet.png", TestImages.Png(400, 300));
        await SetAltAsync("old-leaflet", "nl", "Een oude folder.");
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);

        using var retired = await editor.SubmitAsync(await editor.GetDocumentAsync("/editor/media/old-leaflet"), "#retire-form");

        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Null((await editor.GetDocumentAsync("/editor/media")).QuerySelector("#media tr[data-key=old-leaflet]"));
        Assert.Equal("editor.media.unknown-key", (await SaveAndPublishAsync("privacy", "nl", "\n\n![[media:old-leaflet]]\n")).Message);
    }

    public void Dispose() => _app.Dispose();
}
