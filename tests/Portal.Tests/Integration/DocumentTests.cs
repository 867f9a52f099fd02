using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the files are stored in the database, and publishing checks them there.
/// <summary>PDF leaflets in the media library: one file per language, a warning for their metadata, downloads readers can trust.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class DocumentTests : IDisposable
{
    private readonly PortalApplication _app = new();
    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });

    private Task<(EditResult Result, string? Key)> UploadAsync(string? key, string name, byte[] bytes, string culture)
        => _app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(key, name, bytes, culture), Editor));

    private Task<EditResult> SetTitleAsync(string key, string culture, string text)
        => _app.WithDbAsync((_, sp) => sp.GetRequiredService<AltTexts.Handler>().HandleAsync(new(key, culture, text), Editor));

    private Task<EditResult> SaveAndPublishAsync(string culture, string extra)
        => _app.WithDbAsync(async (db, sp) =>
        {
            var t = await db.ContentTranslations.AsNoTracking().Include(x => x.PublishedRevision).SingleAsync(x => x.Item.Key == "privacy" && x.Culture == culture);
            var r = t.PublishedRevision!;
            var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(new(t.ContentItemId, culture, t.Version, r.Title, r.Summary,
                r.BodyMarkdown + extra, r.Fields, false, null, r.SourceRevisionId, true), Editor);
            Assert.True(saved.Succeeded, saved.Message);
            return await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(t.Id, saved.RevisionId!.Value), Editor);
        });

    /// <summary>Posts a file through a workspace upload form (the library's, or an item page's per language), antiforgery token included.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient editor, string page, string formSelector, byte[] bytes, string fileName, string? culture = null)
    {
        var form = (await editor.GetDocumentAsync(page)).QuerySelector(formSelector)!;
        var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
            content.Add(new StringContent(input.GetAttribute("value")!), input.GetAttribute("name")!);
        if (culture is not null) content.Add(new StringContent(culture), "culture");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", fileName);
        return await editor.PostAsync(form.GetAttribute("action"), content);
    }

    [Fact]
    public async Task AnEditorUploadsALeafletPerLanguageAndIsWarnedOfItsAuthorInTheLibraryAndOnItsPage()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);

        using var dutch = await PostFileAsync(editor, "/editor/media", "#upload-form", TestPdfs.Make(info: "/Author (Jan Jansen) /Producer (Word)"), "Folder terugkeer.pdf", "nl");
        Assert.Equal(HttpStatusCode.Redirect, dutch.StatusCode);
        var list = await editor.GetDocumentAsync("/editor/media");
        Assert.Contains("Author, Producer", list.QuerySelector("#media tr[data-key=folder-terugkeer] .media-warning")!.TextContent);
        Assert.Contains("Author, Producer", list.QuerySelector("[role=status]")!.TextContent);

        using var arabic = await PostFileAsync(editor, "/editor/media/folder-terugkeer", "#document-files tr[data-culture=ar] form", TestPdfs.Make(), "نشرة.pdf");
        Assert.Equal(HttpStatusCode.Redirect, arabic.StatusCode);
        var page = await editor.GetDocumentAsync("/editor/media/folder-terugkeer");
        Assert.NotNull(page.QuerySelector("#document-files tr[data-culture=nl] .media-warning"));
        Assert.Null(page.QuerySelector("#document-files tr[data-culture=ar] .media-warning"));
        Assert.NotNull(page.QuerySelector("#document-files tr[data-culture=ar] a[href$='.pdf']"));
        Assert.Null(page.QuerySelector("#document-files tr[data-culture=fa] a"));
        var files = await _app.WithDbAsync((db, _) => db.MediaRevisions.OrderBy(r => r.Number).Select(r => new { r.Culture, r.ContentType, r.MetadataFields }).ToListAsync());
        Assert.Equal(new[] { ("nl", "Author, Producer"), ("ar", (string?)null) }, files.Select(f => (f.Culture!, f.MetadataFields)));
    }

    [Fact]
    public async Task AJpegNamedPdfOrAPdfWithAScriptIsRefusedWithItsReasonAndNothingIsStored()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);

        using var jpeg = await PostFileAsync(editor, "/editor/media", "#upload-form", TestImages.Jpeg(60, 40), "leaflet.pdf", "nl");
        Assert.Equal(HttpStatusCode.BadRequest, jpeg.StatusCode);
        Assert.Contains("afbeelding, geen pdf", (await Html.GetDocumentAsync(jpeg)).QuerySelector("#media-error")!.TextContent);

        using var script = await PostFileAsync(editor, "/editor/media", "#upload-form",
            TestPdfs.Make(catalog: "/OpenAction 7 0 R", objects: ["<< /S /JavaScript /JS (app.launchURL\\('x'\\)) >>"]), "leaflet.pdf", "nl");
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.Contains("JavaScript", (await Html.GetDocumentAsync(script)).QuerySelector("#media-error")!.TextContent);

        Assert.Equal((0, 0), await _app.WithDbAsync(async (db, _) => (await db.MediaItems.CountAsync(), await db.MediaRevisions.CountAsync())));
    }

    [Fact]
    public async Task ABodyNamingALeafletIsPublishedOnlyWithItsDutchFileAndReadersDownloadTheirOwnLanguageOrTheDutchOneSaidToBe()
    {
        Assert.True((await UploadAsync(null, "folder.pdf", TestPdfs.OfSize(3000), "ar")).Result.Succeeded);
        // A document's "alt text" is its title, and the editor is told to write a title, not an alt text.
        Assert.Equal("editor.media.title-source-first", (await SetTitleAsync("folder", "ar", "نشرة عن العودة")).Message);
        Assert.Equal("editor.media.title-required", (await SetTitleAsync("folder", "nl", "  ")).Message);
        Assert.True((await SetTitleAsync("folder", "nl", "Folder over terugkeer")).Succeeded);
        Assert.True((await SetTitleAsync("folder", "ar", "نشرة عن العودة")).Succeeded);
        const string body = "\n\n![[media:folder]]\n";

        Assert.Equal("editor.media.document-file-missing", (await SaveAndPublishAsync("nl", body)).Message);

        var dutch = TestPdfs.OfSize(240 * 1024);
        Assert.True((await UploadAsync("folder", "folder.pdf", dutch, "nl")).Result.Succeeded);
        foreach (var culture in new[] { "nl", "ar", "fa" }) Assert.True((await SaveAndPublishAsync(culture, body)).Succeeded, culture);

        using var reader = _app.CreateReaderClient();
        var nl = (await reader.GetDocumentAsync("/nl/privacy")).QuerySelector("main a.media-document")!;
        Assert.Equal(("Folder over terugkeer (pdf, 240 kB)", "nl"), (nl.TextContent, nl.GetAttribute("hreflang")));
        var ar = (await reader.GetDocumentAsync("/ar/privacy")).QuerySelector("main a.media-document")!;
        Assert.Equal(("نشرة عن العودة (PDF، 3 كيلوبايت)", "ar"), (ar.TextContent, ar.GetAttribute("hreflang")));
        // The delivery API gives the Persian reader the Dutch file, and says so.
        var apiDocument = (await reader.GetJsonAsync("/api/v1/fa/pages/privacy")).GetProperty("media")[0];
        Assert.Equal(("document", "Folder over terugkeer", "nl", true), (apiDocument.GetProperty("kind").GetString(), apiDocument.GetProperty("alt").GetString(),
            apiDocument.GetProperty("altLanguage").GetString(), apiDocument.GetProperty("altFallback").GetBoolean()));
        Assert.Equal(("nl", (long)dutch.Length), (apiDocument.GetProperty("document").GetProperty("language").GetString(), apiDocument.GetProperty("document").GetProperty("size").GetInt64()));
        Assert.EndsWith(".pdf", apiDocument.GetProperty("document").GetProperty("url").GetString());
        var fa = (await reader.GetDocumentAsync("/fa/privacy")).QuerySelector("main a.media-document")!;
        Assert.Equal(("Folder over terugkeer (PDF، به زبان هلندی، ۲۴۰ کیلوبایت)", "nl"), (fa.TextContent, fa.GetAttribute("hreflang")));
        Assert.Equal("nl", fa.QuerySelector("bdi")!.GetAttribute("lang"));

        using var download = await reader.GetAsync(nl.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(dutch, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("public, max-age=31536000, immutable", download.Headers.CacheControl!.ToString());
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal(("attachment", "folder-nl.pdf", "Folder over terugkeer.pdf"), (disposition.DispositionType, disposition.FileName, disposition.FileNameStar));
        using var arabicFile = await reader.GetAsync(ar.GetAttribute("href"));
        Assert.Equal("نشرة عن العودة.pdf", arabicFile.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/media/folder/000000000000.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/another{nl.GetAttribute("href")![13..]}")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
