using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

// Both providers: the copies are rendered from the database.
/// <summary>A country guide to keep: the print copy (QR code, cards that never split) and the offline file (no request at all).</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class CopiesBrowserTests(BrowserFixture fx)
{
    public static TheoryData<string> Cultures() => ConfiguredCultures.Theory(ConfiguredCultures.All);

    [BrowserTheory]
    [MemberData(nameof(Cultures))]
    public async Task ThePrintCopyHasTheQrCodeTheDateAndRevisionAndCardsThatDoNotSplit(string culture)
    {
        await using var o = await fx.NewPageAsync();
        var response = await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}/countries/iraq/print");
        Assert.Equal(200, response!.Status);
        Assert.Equal(1, await o.Page.Locator(".qr svg").CountAsync());
        Assert.Contains($"{fx.BaseUrl}/{culture}/countries/iraq", await o.Page.Locator("header.made a").GetAttributeAsync("href"));
        // Every support point readers see (the shared app may hold one an editor test created), each on its card.
        using (var api = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) })
        {
            var points = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync($"/api/v1/{culture}/support-points"))!["items"]!.AsArray().Count;
            Assert.True(points >= 3);
            Assert.Equal(points, await o.Page.Locator("main section .card, main .card").Locator("h3").CountAsync());
        }
        Assert.Equal(1, await o.Page.Locator("header.made time").CountAsync()); // the day it was made

        await o.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        var breaks = await o.Page.Locator(".card").EvaluateAllAsync<string[]>("cs => cs.map(c => getComputedStyle(c).breakInside)");
        Assert.All(breaks, b => Assert.Equal("avoid", b));
        var pdf = await o.Page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 1000);

        AxeResult axe = await o.Page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} -> {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
        Assert.All(o.Requests, r => Assert.Equal($"{fx.BaseUrl}/{culture}/countries/iraq/print", r.Url)); // the page alone: styles inline
        Assert.Empty(o.ConsoleErrors); // the inline style is allowed by the page's CSP
    }

    [BrowserTheory]
    [MemberData(nameof(Cultures))]
    public async Task TheOfflineCopyIsOneFileUnder40KbThatOpensWithTheNetworkOffAndRequestsNothing(string culture)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        using var response = await client.GetAsync($"/{culture}/countries/iraq/offline");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < 40 * 1024, $"{bytes.Length} bytes");

        var file = Path.Combine(Path.GetTempPath(), $"portal-offline-{Guid.NewGuid():N}.html");
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            await using var o = await fx.NewPageAsync(width: 320, height: 640);
            var requests = 0;
            await o.Context.RouteAsync("**/*", async route =>
            {
                if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal) && route.Request.IsNavigationRequest) { await route.ContinueAsync(); return; }
                requests++;
                await route.AbortAsync();
            });
            await o.Context.SetOfflineAsync(true);
            await o.Page.GotoAsync("file://" + file);
            Assert.Equal(0, requests);
            Assert.Equal(culture, await o.Page.Locator("html").GetAttributeAsync("lang"));
            Assert.True(await o.Page.Locator("h1").IsVisibleAsync());
            Assert.Contains($"/{culture}/countries/iraq", await o.Page.Locator("header.made a").InnerTextAsync()); // where to check for updates
            Assert.Equal(1, await o.Page.Locator("header.made time").CountAsync()); // when it was made
            var styled = await o.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.card')).borderTopStyle");
            Assert.Equal("solid", styled); // the inline styles apply with no network
        }
        finally
        {
            File.Delete(file);
        }
    }
}
