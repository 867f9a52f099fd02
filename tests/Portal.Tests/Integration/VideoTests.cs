using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the video, its subtitles and transcripts are stored in the database.
/// <summary>A video with its poster, subtitles and transcripts: uploaded, translated, served with ranges and placed in a body.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class VideoTests : IDisposable
{
    private sealed class App(string cacheFolder) : PortalApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:Media:CacheFolder", cacheFolder);
        }
    }

    private readonly string _cache = Path.Combine(Path.GetTempPath(), $"portal-video-cache-{Guid.NewGuid():N}");
    private readonly App _app;
    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });
    private static readonly Actor Translator = new("translator@example.org", new HashSet<string> { Roles.Translator });

    private const string DutchVtt = "WEBVTT\n\n00:00.000 --> 00:00.500\nJe kunt kiezen.\n\n00:00.500 --> 00:01.000\nPraat met een <i>adviseur</i>.\n";
    private const string ArabicVtt = "WEBVTT\n\n00:00.000 --> 00:00.500\nيمكنك أن تختار.\n\n00:00.500 --> 00:01.000\nتحدّث مع مستشار.\n";

    public VideoTests() => _app = new App(_cache);

    private async Task UploadPosterAsync()
    {
        var (result, _) = await _app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(null, "terugkeer-poster.jpg", TestImages.Jpeg(800, 600)), Editor));
        Assert.True(result.Succeeded, result.Message);
    }

    private Task<(EditResult Result, string? Key)> UploadVideoAsync(byte[] bytes, string name, string? poster = "terugkeer-poster", string? type = null)
        => _app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadVideo.Handler>().HandleAsync(new(null, name, type, new MemoryStream(bytes), poster), Editor));

    private Task<EditResult> SetTextAsync(MediaTextKind kind, string culture, string text, Actor? actor = null)
        => _app.WithDbAsync((_, sp) => sp.GetRequiredService<MediaTexts.Handler>().HandleAsync(new("terugkeer", kind, culture, text), actor ?? Editor));

    private async Task<EditResult> SaveAndPublishAsync(string culture, string extra)
        => await _app.WithDbAsync(async (db, sp) =>
        {
            var t = await db.ContentTranslations.AsNoTracking().Include(x => x.PublishedRevision).SingleAsync(x => x.Item.Key == "privacy" && x.Culture == culture);
            var r = t.PublishedRevision!;
            var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(new(t.ContentItemId, culture, t.Version, r.Title, r.Summary,
                r.BodyMarkdown + extra, r.Fields, false, null, r.SourceRevisionId, true), Editor);
            Assert.True(saved.Succeeded, saved.Message);
            return await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(t.Id, saved.RevisionId!.Value), Editor);
        });

    [FfmpegFact]
    public async Task AnEditorUploadsAnMp4ThroughTheWorkspaceAndPhonesGetItInRangesFromTheNodesCopy()
    {
        await UploadPosterAsync();
        var mp4 = await TestVideos.Mp4();
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        var page = await editor.GetDocumentAsync("/editor/media");
        var form = page.QuerySelector("#video-form")!;
        var file = new ByteArrayContent(mp4);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent("terugkeer-poster"), "poster" },
            { file, "file", "Terugkeer.mp4" },
        };
        using var uploaded = await editor.PostAsync(form.GetAttribute("action"), content);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        var item = await editor.GetDocumentAsync("/editor/media/terugkeer");
        var src = item.QuerySelector("video")!.GetAttribute("src")!;
        Assert.Matches(@"^/media/terugkeer/[0-9a-f]{12}\.mp4$", src);

        using var reader = _app.CreateReaderClient();
        using (var whole = await reader.GetAsync(src))
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal("video/mp4", whole.Content.Headers.ContentType?.MediaType);
            Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
            Assert.Equal("public, max-age=31536000, immutable", whole.Headers.CacheControl?.ToString());
            Assert.False(whole.Headers.Contains("Set-Cookie"));
            Assert.Equal(mp4, await whole.Content.ReadAsByteArrayAsync());
        }
        // The node's copy is the file as stored; removed, it is written again from the database, the source of truth.
        Assert.Single(Directory.GetFiles(_cache));
        Directory.Delete(_cache, recursive: true);

        using var part = new HttpRequestMessage(HttpMethod.Get, src) { Headers = { Range = new RangeHeaderValue(100, 1099) } };
        using (var response = await reader.SendAsync(part))
        {
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes 100-1099/{mp4.Length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(mp4[100..1100], await response.Content.ReadAsByteArrayAsync());
        }
        using var tail = new HttpRequestMessage(HttpMethod.Get, src) { Headers = { Range = new RangeHeaderValue(null, 10) } };
        using (var response = await reader.SendAsync(tail))
            Assert.Equal(mp4[^10..], await response.Content.ReadAsByteArrayAsync());
        using var beyond = new HttpRequestMessage(HttpMethod.Get, src) { Headers = { Range = new RangeHeaderValue(mp4.Length + 10, null) } };
        using (var response = await reader.SendAsync(beyond))
        {
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
            Assert.Equal($"bytes */{mp4.Length}", response.Content.Headers.ContentRange?.ToString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(src.Replace(".mp4", ".webm"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/media/terugkeer/000000000000.mp4")).StatusCode);
    }

    [FfmpegFact]
    public async Task ARefusedVideoStoresNothingAndAVideoNeedsAPoster()
    {
        await UploadPosterAsync();
        Assert.Equal("editor.media.video-refused-mismatch", (await UploadVideoAsync(await TestVideos.WebM(), "terugkeer.mp4")).Result.Message);
        var mp4 = await TestVideos.Mp4();
        Assert.Equal("editor.media.video-refused-truncated", (await UploadVideoAsync(mp4[..(mp4.Length / 2)], "terugkeer.mp4")).Result.Message);
        Assert.Equal("editor.media.poster-required", (await UploadVideoAsync(mp4, "terugkeer.mp4", poster: null)).Result.Message);
        Assert.Equal("editor.media.poster-not-image", (await UploadVideoAsync(mp4, "terugkeer.mp4", poster: "nobody")).Result.Message);
        Assert.Equal((1, 1), await _app.WithDbAsync(async (db, _) => (await db.MediaItems.CountAsync(), await db.MediaRevisions.CountAsync()))); // the poster only

        var (webm, key) = await UploadVideoAsync(await TestVideos.WebM(), "Terugkeer.webm", type: "video/webm");
        Assert.True(webm.Succeeded, webm.Message);
        Assert.Equal(("video/webm", 160, 120), await _app.WithDbAsync((db, _) => db.MediaRevisions.Where(r => db.MediaItems.Any(i => i.Key == key && i.CurrentRevisionId == r.Id))
            .Select(r => new { r.ContentType, r.Width, r.Height }).SingleAsync().ContinueWith(t => (t.Result.ContentType, t.Result.Width!.Value, t.Result.Height!.Value))));
        var retire = await _app.WithDbAsync((_, sp) => sp.GetRequiredService<RetireMedia.Handler>().HandleAsync(new("terugkeer-poster"), Editor));
        Assert.Equal(("editor.media.retire-poster", "terugkeer"), (retire.Message, retire.Arguments![0]));
    }

    [FfmpegFact]
    public async Task SubtitlesAndTranscriptsAreTranslatedWithTheirStatesAndABodyWithTheVideoIsPublishedOnlyWithTheDutchOnes()
    {
        await UploadPosterAsync();
        Assert.True((await UploadVideoAsync(await TestVideos.Mp4(), "terugkeer.mp4")).Result.Succeeded);
        const string body = "\n\n![[media:terugkeer]]\n";

        Assert.Equal("editor.media.video-subtitles-missing", (await SaveAndPublishAsync("nl", body)).Message);
        Assert.Equal("editor.media.vtt-markup", (await SetTextAsync(MediaTextKind.Subtitles, "nl", DutchVtt.Replace("Je kunt", "<script>x</script>"))).Message);
        Assert.Equal("editor.media.text-source-first", (await SetTextAsync(MediaTextKind.Subtitles, "ar", ArabicVtt, Translator)).Message);
        Assert.Equal(EditOutcome.Forbidden, (await SetTextAsync(MediaTextKind.Subtitles, "nl", DutchVtt, Translator)).Outcome);
        Assert.True((await SetTextAsync(MediaTextKind.Subtitles, "nl", DutchVtt)).Succeeded);
        Assert.Equal("editor.media.video-transcript-missing", (await SaveAndPublishAsync("nl", body)).Message);
        Assert.True((await SetTextAsync(MediaTextKind.Transcript, "nl", "Je kunt kiezen.\n\nPraat met een adviseur.")).Succeeded);
        Assert.True((await SetTextAsync(MediaTextKind.Subtitles, "ar", ArabicVtt, Translator)).Succeeded);
        Assert.True((await SetTextAsync(MediaTextKind.Transcript, "ar", "يمكنك أن تختار.", Translator)).Succeeded);
        Assert.True((await SaveAndPublishAsync("nl", body)).Succeeded);
        Assert.True((await SaveAndPublishAsync("ar", body)).Succeeded);
        Assert.True((await SaveAndPublishAsync("fr", body)).Succeeded); // nothing French yet: Dutch subtitles and transcript stand in

        using var reader = _app.CreateReaderClient();
        var ar = (await reader.GetDocumentAsync("/ar/privacy")).QuerySelector("main figure.video")!;
        var video = ar.QuerySelector("video")!;
        Assert.Equal(("none", "160", "120"), (video.GetAttribute("preload"), video.GetAttribute("width"), video.GetAttribute("height")));
        Assert.True(video.HasAttribute("controls"));
        Assert.StartsWith("/media/terugkeer-poster/", video.GetAttribute("poster"));
        Assert.Equal(new[] { ("nl", false), ("ar", true) }, video.QuerySelectorAll("track").Select(t => (t.GetAttribute("srclang")!, t.HasAttribute("default"))));
        Assert.All(video.QuerySelectorAll("track, source"), e => Assert.StartsWith("/media/", e.GetAttribute("src")));
        Assert.Equal("يمكنك أن تختار.", ar.QuerySelector(".transcript")!.TextContent.Trim());
        Assert.Null(ar.QuerySelector(".transcript")!.GetAttribute("lang"));

        var fr = (await reader.GetDocumentAsync("/fr/privacy")).QuerySelector("main figure.video")!;
        Assert.Equal("nl", fr.QuerySelector("track[default]")!.GetAttribute("srclang"));
        Assert.Equal("nl", fr.QuerySelector(".transcript")!.GetAttribute("lang"));
        Assert.Equal(2, fr.QuerySelectorAll(".transcript p").Length);
        Assert.Equal("Transcription de la vidéo", fr.QuerySelector(".transcript-label")!.TextContent);

        // The delivery API lists the same: the video's absolute URLs, its tracks with the Arabic one first shown, the Arabic transcript.
        var api = (await reader.GetJsonAsync("/api/v1/ar/pages/privacy")).GetProperty("media")[0];
        Assert.Equal(("terugkeer", "video"), (api.GetProperty("key").GetString(), api.GetProperty("kind").GetString()));
        var apiVideo = api.GetProperty("video");
        Assert.Equal(video.QuerySelector("source")!.GetAttribute("src"), new Uri(apiVideo.GetProperty("url").GetString()!).AbsolutePath);
        Assert.StartsWith("/media/terugkeer-poster/", new Uri(apiVideo.GetProperty("poster").GetString()!).AbsolutePath);
        Assert.Equal(new[] { ("nl", false), ("ar", true) }, apiVideo.GetProperty("tracks").EnumerateArray().Select(t => (t.GetProperty("language").GetString()!, t.GetProperty("default").GetBoolean())));
        Assert.Equal(("يمكنك أن تختار.", "ar"), (apiVideo.GetProperty("transcript").GetString(), apiVideo.GetProperty("transcriptLanguage").GetString()));

        using var vtt = await reader.GetAsync(ar.QuerySelector("track[srclang=ar]")!.GetAttribute("src"));
        Assert.Equal("text/vtt", vtt.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", vtt.Headers.CacheControl?.ToString());
        Assert.Equal(ArabicVtt, await vtt.Content.ReadAsStringAsync());

        // The Dutch subtitles change: the Arabic ones are outdated until translated again, cue by cue beside the Dutch.
        Assert.True((await SetTextAsync(MediaTextKind.Subtitles, "nl", DutchVtt.Replace("Je kunt kiezen.", "Jij kiest."))).Succeeded);
        using var editor = await _app.SignInAsync("translator@example.org", Roles.Translator);
        var item = await editor.GetDocumentAsync("/editor/media/terugkeer");
        Assert.Equal("outdated", item.QuerySelector("#subtitles tr[data-culture=ar] .subtitles-state")!.GetAttribute("data-state"));
        Assert.Equal("missing", item.QuerySelector("#subtitles tr[data-culture=fr] .subtitles-state")!.GetAttribute("data-state"));
        Assert.Equal("current", item.QuerySelector(".transcript-form[data-culture=ar] .transcript-state")!.GetAttribute("data-state"));

        var cues = await editor.GetDocumentAsync("/editor/media/terugkeer/subtitles/fr");
        Assert.Equal(new[] { "Jij kiest.", "Praat met een <i>adviseur</i>." }, cues.QuerySelectorAll("#cues tbody td[lang=nl]").Select(td => td.TextContent));
        using var posted = await editor.PostAsync("/editor/media/terugkeer/subtitles/fr", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", cues.QuerySelector("#subtitles-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("cue", "Tu choisis."), new("cue", "Parle avec un <i>conseiller</i>."),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var french = await _app.WithDbAsync((db, _) => db.MediaTexts.Where(t => t.Culture == "fr" && t.Kind == MediaTextKind.Subtitles).Select(t => new { t.Text, t.SourceVersion }).SingleAsync());
        Assert.Equal(("WEBVTT\n\n00:00.000 --> 00:00.500\nTu choisis.\n\n00:00.500 --> 00:01.000\nParle avec un <i>conseiller</i>.\n", 2), (french.Text, french.SourceVersion));
        item = await editor.GetDocumentAsync("/editor/media/terugkeer");
        Assert.Equal("current", item.QuerySelector("#subtitles tr[data-culture=fr] .subtitles-state")!.GetAttribute("data-state"));

        // Readers see the new track without a new publish: the French page now plays the French subtitles by default.
        var frAgain = (await reader.GetDocumentAsync("/fr/privacy")).QuerySelector("main figure.video")!;
        Assert.Equal("fr", frAgain.QuerySelector("track[default]")!.GetAttribute("srclang"));

        // A copy of the page cached before (a proxy, a saved page) still finds the subtitle file it names.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(fr.QuerySelector("track[srclang=nl]")!.GetAttribute("src"))).StatusCode);
    }

    [FfmpegFact]
    public async Task AnEditorChangesAVideosPosterOnItsPageByUploadingAnImageOrPickingOneAndReadersSeeItAtOnce()
    {
        await UploadPosterAsync();
        Assert.True((await UploadVideoAsync(await TestVideos.Mp4(), "terugkeer.mp4")).Result.Succeeded);
        Assert.True((await SetTextAsync(MediaTextKind.Subtitles, "nl", DutchVtt)).Succeeded);
        Assert.True((await SetTextAsync(MediaTextKind.Transcript, "nl", "Je kunt kiezen.")).Succeeded);
        Assert.True((await SaveAndPublishAsync("nl", "\n\n![[media:terugkeer]]\n")).Succeeded);
        using var reader = _app.CreateReaderClient();
        async Task<string> PosterAsync() => (await reader.GetDocumentAsync("/nl/privacy")).QuerySelector("main figure.video video")!.GetAttribute("poster")!;
        Assert.StartsWith("/media/terugkeer-poster/", await PosterAsync()); // and now in the readers' cache

        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        async Task<HttpResponseMessage> PostAsync(string poster, byte[]? image)
        {
            var form = (await editor.GetDocumentAsync("/editor/media/terugkeer")).QuerySelector("#poster-form")!;
            var content = new MultipartFormDataContent
            {
                { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
                { new StringContent("terugkeer"), "key" },
                { new StringContent(poster), "poster" },
            };
            if (image is not null) content.Add(new ByteArrayContent(image), "file", "Gesprek bij IOM.png");
            return await editor.PostAsync(form.GetAttribute("action"), content);
        }

        // A new image uploaded in the form becomes a library item and the poster, whatever the list said.
        using (var uploaded = await PostAsync("terugkeer-poster", TestImages.Png(640, 480)))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
            Assert.Equal("/editor/media/terugkeer", uploaded.Headers.Location!.OriginalString);
        }
        Assert.StartsWith("/media/gesprek-bij-iom/", await PosterAsync());
        var page = await editor.GetDocumentAsync("/editor/media/terugkeer");
        Assert.Equal("gesprek-bij-iom", page.QuerySelector("#poster-key option[selected]")!.GetAttribute("value"));

        // Picked from the list: back to the first image. An image that is not in the library is refused, nothing changed.
        using (var picked = await PostAsync("terugkeer-poster", null))
            Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.StartsWith("/media/terugkeer-poster/", await PosterAsync());
        using (var refused = await PostAsync("nobody", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"nobody\"", (await Html.GetDocumentAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        }
        Assert.Equal("terugkeer-poster", await _app.WithDbAsync((db, _) => db.MediaItems.Where(i => i.Key == "terugkeer").Select(i => i.PosterKey).SingleAsync()));

        // A translator sees no such form, and cannot change it through the handler either.
        using var translator = await _app.SignInAsync("translator@example.org", Roles.Translator);
        Assert.Null((await translator.GetDocumentAsync("/editor/media/terugkeer")).QuerySelector("#poster-form"));
        var forbidden = await _app.WithDbAsync((_, sp) => sp.GetRequiredService<ChangePoster.Handler>().HandleAsync(new("terugkeer", "gesprek-bij-iom"), Translator));
        Assert.Equal(EditOutcome.Forbidden, forbidden.Outcome);
    }

    [FfmpegFact]
    public async Task APageWithTwoVideosCostsTheDeliveryApiNoMoreQueriesThanAPageWithOne()
    {
        await UploadPosterAsync();
        Assert.True((await UploadVideoAsync(await TestVideos.Mp4(), "terugkeer.mp4")).Result.Succeeded);
        Assert.True((await UploadVideoAsync(await TestVideos.WebM(), "Gesprek.webm", type: "video/webm")).Result.Succeeded);
        foreach (var key in new[] { "terugkeer", "gesprek" })
            foreach (var (kind, text) in new[] { (MediaTextKind.Subtitles, DutchVtt), (MediaTextKind.Transcript, "Je kunt kiezen.") })
                Assert.True((await _app.WithDbAsync((_, sp) => sp.GetRequiredService<MediaTexts.Handler>().HandleAsync(new(key, kind, "nl", text), Editor))).Succeeded);
        var counter = _app.Services.GetRequiredService<Portal.Data.DbCommandCounter>();
        using var reader = _app.CreateReaderClient();

        async Task<(long Commands, int Videos)> AskAsync()
        {
            await _app.EvictReaderCacheAsync();
            var before = counter.Count;
            var media = (await reader.GetJsonAsync("/api/v1/nl/pages/privacy")).GetProperty("media");
            Assert.All(media.EnumerateArray(), m => Assert.Equal("nl", m.GetProperty("video").GetProperty("tracks")[0].GetProperty("language").GetString()));
            return (counter.Count - before, media.GetArrayLength());
        }
        Assert.True((await SaveAndPublishAsync("nl", "\n\n![[media:terugkeer]]\n")).Succeeded);
        var one = await AskAsync();
        Assert.True((await SaveAndPublishAsync("nl", "\n\n![[media:gesprek]]\n")).Succeeded);
        var two = await AskAsync();
        Assert.Equal((1, 2), (one.Videos, two.Videos));
        Assert.Equal(one.Commands, two.Commands);
    }

    public void Dispose()
    {
        _app.Dispose();
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }
}
