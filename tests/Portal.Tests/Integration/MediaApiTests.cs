using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Media in the APIs: the delivery API lists the images an item's body shows (absolute URLs of every copy, alt text in the
/// asked language or the Dutch one said to be so), and a script uploads, replaces and describes images through the
/// management API under the workspace's checks, then attaches one by naming it in a draft.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaApiTests : IDisposable
{
    private readonly PortalApplication _app = new();
    private static readonly Actor Translator = new("translator@example.org", new HashSet<string> { Roles.Translator });

    [Fact]
    public async Task AnItemsAnswerListsTheImagesItsBodyShowsWithEveryCopysUrlAndTheAltTextInTheAskedLanguage()
    {
        await MediaOnAPage.PublishAsync(_app);
        Assert.True((await _app.WithDbAsync((_, sp) => sp.GetRequiredService<AltTexts.Handler>().HandleAsync(new("terugkeer", "ar", "عائلة في المطار"), Translator))).Succeeded);
        // The Arabic text shows the photo too; the French one is taken down, so French readers get the Dutch text.
        await _app.PublishAppendedAsync("privacy", "ar", "\n\n![[media:terugkeer]]", MediaOnAPage.Editor);
        await _app.WithDbAsync(async (db, sp) =>
        {
            var fr = await db.ContentTranslations.Where(x => x.Item.Key == "privacy" && x.Culture == "fr").Select(x => x.Id).SingleAsync();
            Assert.True((await sp.GetRequiredService<Unpublish.Handler>().HandleAsync(new Unpublish.Command(fr, Reason: "test"), MediaOnAPage.Editor)).Succeeded);
            return 0;
        });
        using var reader = _app.CreateReaderClient();

        var ar = (await reader.GetJsonAsync("/api/v1/ar/pages/privacy")).GetProperty("media");
        var photo = Assert.Single(ar.EnumerateArray());
        Assert.Equal(("terugkeer", "image", "عائلة في المطار", "ar", false), (photo.Str("key"), photo.Str("kind"), photo.Str("alt"), photo.Str("altLanguage"), photo.GetProperty("altFallback").GetBoolean()));
        Assert.Equal((640, 427), (photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()));
        var variants = photo.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(["320 image/jpeg", "320 image/webp", "640 image/jpeg", "640 image/webp"], variants.Select(v => $"{v.GetProperty("width").GetInt32()} {v.Str("contentType")}"));
        foreach (var v in variants)
        {
            var url = new Uri(v.Str("url"));
            Assert.True(url.IsAbsoluteUri);
            using var file = await reader.GetAsync(url.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(v.Str("contentType"), file.Content.Headers.ContentType!.MediaType);
        }

        // French has no alt text yet: the Dutch one stands in, and says so.
        var fr = Assert.Single((await reader.GetJsonAsync("/api/v1/fr/pages/privacy")).GetProperty("media").EnumerateArray());
        Assert.Equal(("Een gezin op het vliegveld", "nl", true), (fr.Str("alt"), fr.Str("altLanguage"), fr.GetProperty("altFallback").GetBoolean()));
        Assert.Empty((await reader.GetJsonAsync("/api/v1/nl/countries/guinea")).GetProperty("media").EnumerateArray());
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType = "image/jpeg")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, HttpMethod method, string url, HttpContent content, EntityTagHeaderValue? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (ifMatch is not null) request.Headers.IfMatch.Add(ifMatch);
        return await api.SendAsync(request);
    }

    [Fact]
    public async Task AnUploadOverTheLibrarysLimitGets413ThatNamesThatLimitAndStoresNothing()
    {
        using var api = _app.CreateReaderClient();
        api.UseToken(await _app.EditorTokenAsync());
        using var huge = await api.PostAsync("/api/v1/manage/media", Form(new byte[MediaLimits.MaxUploadRequestBytes], "huge.mp4", "video/mp4"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        var detail = await huge.Content.ReadAsStringAsync();
        Assert.Contains($"{MediaLimits.MaxUploadRequestBytes / 1024 / 1024} MB", detail); // the library's limit, not the 4 MB of other requests
        Assert.DoesNotContain("4 MB", detail);
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.MediaItems.CountAsync()));
    }

    [Fact]
    public async Task AScriptUploadsAGpsPhotoOverFourMegabytesDescribesItReplacesItAndAttachesItToADraft()
    {
        using var api = _app.CreateReaderClient();
        api.UseToken(await _app.EditorTokenAsync());

        // Over the app's 4 MB body limit, under the 10 MB image limit, as through the workspace.
        var photo = TestImages.JpegWithGps(2400, 1800, noise: true);
        using var created = await api.PostAsync("/api/v1/manage/media", Form(photo, "Terugkeer foto.jpg"));
        var item = await ManagementApiTests.JsonAsync(created);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/manage/media/terugkeer-foto", created.Headers.Location!.OriginalString);
        Assert.Equal($"\"v{item["version"]}\"", created.Headers.ETag!.ToString());
        Assert.Equal("![[media:terugkeer-foto]]", (string)item["reference"]!);
        using var reader = _app.CreateReaderClient();
        foreach (var v in item["variants"]!.AsArray())
            Assert.Null(TestImages.Gps(await reader.GetByteArrayAsync(new Uri((string)v!["url"]!).PathAndQuery)));

        // Alt text: If-Match required, a stale one refused, then written.
        var alt = new StringContent("{\"text\": \"Een gezin op het vliegveld\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await SendAsync(api, HttpMethod.Put, "/api/v1/manage/media/terugkeer-foto/alt/nl", alt, null)).StatusCode);
        alt = new StringContent("{\"text\": \"Een gezin op het vliegveld\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(api, HttpMethod.Put, "/api/v1/manage/media/terugkeer-foto/alt/nl", alt, new EntityTagHeaderValue("\"v99\""))).StatusCode);
        alt = new StringContent("{\"text\": \"Een gezin op het vliegveld\"}", Encoding.UTF8, "application/json");
        using var described = await SendAsync(api, HttpMethod.Put, "/api/v1/manage/media/terugkeer-foto/alt/nl", alt, created.Headers.ETag);
        var afterAlt = await ManagementApiTests.JsonAsync(described);
        Assert.Equal(("Een gezin op het vliegveld", "current"), ((string)afterAlt["altTexts"]![0]!["text"]!, (string)afterAlt["altTexts"]![0]!["state"]!));
        Assert.Equal("missing", (string)afterAlt["altTexts"]![1]!["state"]!);

        // A PDF in place of the file is refused as in the workspace; a real image replaces it (revision 2).
        using var pdf = await SendAsync(api, HttpMethod.Put, "/api/v1/manage/media/terugkeer-foto/file", Form("%PDF-1.7\n%%EOF"u8.ToArray(), "foto.jpg"), described.Headers.ETag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pdf.StatusCode);
        Assert.Contains("PDF", await pdf.Content.ReadAsStringAsync());
        using var replaced = await SendAsync(api, HttpMethod.Put, "/api/v1/manage/media/terugkeer-foto/file", Form(TestImages.Png(800, 600), "foto.png", "image/png"), described.Headers.ETag);
        var afterReplace = await ManagementApiTests.JsonAsync(replaced);
        Assert.Equal((2, "image/png"), ((int)afterReplace["revision"]!, (string)afterReplace["contentType"]!));
        Assert.Equal(2, await _app.WithDbAsync((db, _) => db.MediaRevisions.CountAsync()));

        // Attaching is naming it in a draft saved through the API; publishing it runs the media checks.
        const string page = "/api/v1/manage/items/page/privacy/nl";
        using var got = await api.GetAsync(page);
        var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
        draft["body"] = (string)draft["body"]! + "\n\n![[media:terugkeer-foto]]";
        using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, page + "/draft", draft, got.Headers.ETag);
        using var published = await ManagementApiTests.SendAsync(api, HttpMethod.Post, page + "/publish", null, saved.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var shown = Assert.Single((await reader.GetJsonAsync("/api/v1/nl/pages/privacy")).GetProperty("media").EnumerateArray());
        Assert.Equal("terugkeer-foto", shown.Str("key"));
    }

    public void Dispose() => _app.Dispose();
}
