using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

// Both providers: the video, its subtitles and transcripts are stored in the database.
/// <summary>An editor puts the return animation with Dutch and Arabic subtitles in a story with a real browser; an Arabic reader gets it.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class VideoBrowserTests(BrowserFixture fx)
{
    private const string DutchVtt = "WEBVTT\n\n00:00.000 --> 00:00.500\nJe kunt kiezen.\n\n00:00.500 --> 00:01.000\nPraat met een adviseur.\n";
    private const string ArabicVtt = "WEBVTT\n\n00:00.000 --> 00:00.500\nيمكنك أن تختار.\n\n00:00.500 --> 00:01.000\nتحدّث مع مستشار.\n";

    [VideoBrowserFact]
    public async Task APhotoWithGpsAndAVideoWithDutchAndArabicSubtitlesArePlacedInAStoryTheArabicPagePlaysTheArabicTrackAndServesNoCoordinates()
    {
        var mp4 = await TestVideos.Mp4();
        await using var o = await fx.NewPageAsync();
        var page = await fx.SignInAsync(o.Context, "video-editor@example.org", Roles.Editor);
        await page.GotoAsync($"{fx.BaseUrl}/editor/media");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "animatie-poster.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(640, 480) });
        await page.Locator("#upload-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#media tr[data-key=animatie-poster]")).ToBeVisibleAsync();

        await page.Locator("#video-file").SetInputFilesAsync(new FilePayload { Name = "terugkeer-animatie.mp4", MimeType = "video/mp4", Buffer = mp4 });
        await page.Locator("#video-poster").SelectOptionAsync("animatie-poster");
        await page.Locator("#video-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("p.notice.ok")).ToContainTextAsync("![[media:terugkeer-animatie]]");
        await MediaBrowserTests.AssertAxeCleanAsync(page);

        // A photo of the person, with GPS coordinates in it, for the same story; alt text in Dutch and Arabic.
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "mazan-thuis.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithGps(1600, 1200) });
        await page.Locator("#upload-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#media tr[data-key=mazan-thuis]")).ToBeVisibleAsync();
        await page.GotoAsync($"{fx.BaseUrl}/editor/media/mazan-thuis");
        foreach (var (culture, alt) in new[] { ("nl", "Mazan thuis bij zijn familie"), ("ar", "مازن في البيت مع عائلته") })
        {
            await page.Locator($"#alt-{culture}").FillAsync(alt);
            await page.Locator($"form.alt-form[data-culture={culture}] button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator($"form.alt-form[data-culture={culture}] .alt-state")).ToHaveAttributeAsync("data-state", "current");
        }

        await page.GotoAsync($"{fx.BaseUrl}/editor/media/terugkeer-animatie");
        foreach (var (culture, vtt) in new[] { ("nl", DutchVtt), ("ar", ArabicVtt) })
        {
            await page.Locator($"#vtt-{culture}").SetInputFilesAsync(new FilePayload { Name = $"terugkeer.{culture}.vtt", MimeType = "text/vtt", Buffer = System.Text.Encoding.UTF8.GetBytes(vtt) });
            await page.Locator($".subtitles-form[data-culture={culture}] button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator($"#subtitles tr[data-culture={culture}] .subtitles-state")).ToHaveAttributeAsync("data-state", "current");
        }
        foreach (var (culture, text) in new[] { ("nl", "Je kunt kiezen. Praat met een adviseur."), ("ar", "يمكنك أن تختار. تحدّث مع مستشار.") })
        {
            await page.Locator($"#transcript-{culture}").FillAsync(text);
            await page.Locator($".transcript-form[data-culture={culture}] button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator($".transcript-form[data-culture={culture}] .transcript-state")).ToHaveAttributeAsync("data-state", "current");
        }
        await MediaBrowserTests.AssertAxeCleanAsync(page);

        var storyId = await fx.App.WithDbAsync((db, _) => db.ContentItems.Where(i => i.Key == "mazan").Select(i => i.Id).SingleAsync());
        foreach (var culture in new[] { "nl", "ar" })
        {
            await page.GotoAsync($"{fx.BaseUrl}/editor/content/{storyId}/{culture}");
            var body = page.Locator("textarea[name='Form.Body']");
            await body.FillAsync(await body.InputValueAsync() + "\n\n![[media:mazan-thuis]]\n\n![[media:terugkeer-animatie]]\n");
            await page.Locator("button[formaction*='handler=Publish']").ClickAsync();
            if (culture == "nl")
            {
                // Mazan's consent does not cover a photo: refused, the text kept; the editor records that it does, then publishes.
                await Assertions.Expect(page.Locator("#edit-error")).ToContainTextAsync("mazan-thuis");
                await page.Locator("#Form_ConsentCoversPhoto").CheckAsync();
                await page.Locator("button[formaction*='handler=Publish']").ClickAsync();
            }
            await Assertions.Expect(page.Locator("p.notice.ok")).ToBeVisibleAsync();
        }

        await using var reader = await fx.NewPageAsync(width: 360, height: 740);
        await reader.Page.GotoAsync($"{fx.BaseUrl}/ar/stories/mazan");
        var video = reader.Page.Locator("main figure.video video");
        await Assertions.Expect(video.Locator("track[srclang=ar]")).ToHaveAttributeAsync("default", "");
        await Assertions.Expect(video.Locator("track[srclang=nl]")).Not.ToHaveAttributeAsync("default", "");
        await Assertions.Expect(reader.Page.Locator("main figure.video .transcript")).ToContainTextAsync("يمكنك أن تختار.");
        await Assertions.Expect(reader.Page.Locator("main figure.video .transcript")).ToBeVisibleAsync();
        Assert.NotEqual("", await video.EvaluateAsync<string>("v => v.canPlayType('video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"')"));
        // The reader's browser fetches the file itself (ranges from the portal): metadata loaded, the Arabic track chosen.
        await video.EvaluateAsync("v => { v.preload = 'metadata'; v.load(); }");
        await reader.Page.WaitForFunctionAsync("() => document.querySelector('main figure.video video').readyState > 0");
        Assert.Equal("showing", await video.EvaluateAsync<string>("v => [...v.textTracks].find(t => t.language === 'ar').mode"));
        // The photo: a picture with its copies for narrow screens, the Arabic alt text, and no coordinates in what is served.
        var photo = reader.Page.Locator("main picture img");
        await Assertions.Expect(photo).ToHaveAttributeAsync("alt", "مازن في البيت مع عائلته");
        Assert.Contains("320w", await reader.Page.Locator("main picture source").First.GetAttributeAsync("srcset"));
        await photo.ScrollIntoViewIfNeededAsync();
        await reader.Page.WaitForFunctionAsync("() => document.querySelector('main picture img').complete && document.querySelector('main picture img').naturalWidth > 0");
        using var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        Assert.Null(TestImages.Gps(await http.GetByteArrayAsync(await photo.EvaluateAsync<string>("i => i.currentSrc"))));
        Assert.All(reader.Requests, r => Assert.StartsWith(fx.BaseUrl, r.Url));
        await MediaBrowserTests.AssertAxeCleanAsync(reader.Page);
        Assert.Empty(reader.ConsoleErrors);
    }
}
