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
        Assert.Empty(o.ConsoleErrors);
    }

    private static async Task AssertAxeCleanAsync(IPage page)
    {
        AxeResult axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} -> {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }
}
