using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

// Both providers: the upload is stored in the database.
/// <summary>An editor puts a phone photo with GPS coordinates in the media library with a real browser.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaBrowserTests(BrowserFixture fx)
{
    [BrowserFact]
    public async Task AnEditorUploadsAPhotoWithGpsWritesItsAltTextAndTheServedFileHasNoCoordinates()
    {
        await using var o = await fx.NewPageAsync();
        var page = await fx.SignInAsync(o.Context, "media-editor@example.org", Roles.Editor);
        await page.GotoAsync($"{fx.BaseUrl}/editor/media");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "haven-rotterdam.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithGps(1600, 1200) });
        await page.Locator("#upload-form button[type=submit]").ClickAsync();

        var row = page.Locator("#media tr[data-key=haven-rotterdam]");
        await Assertions.Expect(row).ToContainTextAsync("![[media:haven-rotterdam]]");
        await Assertions.Expect(page.Locator("p.notice.ok")).ToContainTextAsync("![[media:haven-rotterdam]]");
        await AssertAxeCleanAsync(page);

        var preview = await row.Locator("img").GetAttributeAsync("src");
        using var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        Assert.Null(TestImages.Gps(await http.GetByteArrayAsync(preview)));

        await row.Locator("a").ClickAsync();
        await page.Locator("#alt-nl").FillAsync("De haven van Rotterdam bij zonsondergang.");
        await page.Locator("form[data-culture=nl] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("form[data-culture=nl] .alt-state")).ToHaveAttributeAsync("data-state", "current");
        await Assertions.Expect(page.Locator("form[data-culture=en] .alt-state")).ToHaveAttributeAsync("data-state", "missing");
        await AssertAxeCleanAsync(page);

        // Placed in a body and published through the workspace: on a 320 px phone the photo fits the screen and the
        // browser picks a small copy, not the 1,280 px one.
        await page.GotoAsync($"{fx.BaseUrl}/editor?q=privacy");
        await page.Locator("main a[href^='/editor/content/']:not([href*='new'])").First.ClickAsync();
        var body = page.Locator("textarea[name='Form.Body']");
        await body.FillAsync(await body.InputValueAsync() + "\n\n![[media:haven-rotterdam]]\n");
        await page.Locator("button[formaction*='handler=Publish']").ClickAsync();
        await Assertions.Expect(page.Locator("p.notice.ok")).ToBeVisibleAsync();

        await using var reader = await fx.NewPageAsync(width: 320, height: 640);
        await reader.Page.GotoAsync($"{fx.BaseUrl}/nl/privacy");
        var img = reader.Page.Locator("main picture img");
        await img.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(img).ToHaveAttributeAsync("alt", "De haven van Rotterdam bij zonsondergang.");
        await reader.Page.WaitForFunctionAsync("() => document.querySelector('main picture img').complete");
        var box = (await img.BoundingBoxAsync())!;
        Assert.True(box.Width <= 320, $"the photo is {box.Width} px wide on a 320 px screen");
        Assert.Contains("-320.", await img.EvaluateAsync<string>("i => i.currentSrc"));
        Assert.Null(TestImages.Gps(await http.GetByteArrayAsync(await img.EvaluateAsync<string>("i => i.currentSrc"))));
        Assert.Empty(o.ConsoleErrors);
    }

    internal static async Task AssertAxeCleanAsync(IPage page)
    {
        AxeResult axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} -> {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }
}
