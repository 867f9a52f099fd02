using System.Diagnostics;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

// Both providers: the pages and the search index are built from the database.
/// <summary>
/// Search, the index pages, and the small-screen and screen-reader fixes, as a reader on a 320 px phone meets them in
/// each language.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ReaderReachBrowserTests(BrowserFixture fx)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static TheoryData<string, string> CountryNames() => new()
    {
        { "nl", "Irak" }, { "en", "Iraq" }, { "fr", "Irak" }, { "ar", "العراق" }, { "fa", "عراق" }, { "ckb", "عێراق" },
    };

    private async Task SearchReadyAsync()
    {
        using var client = new HttpClient();
        var watch = Stopwatch.StartNew();
        while ((int)(await client.GetAsync($"{fx.BaseUrl}/nl/search?q=irak")).StatusCode == 503 && watch.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        AxeResult axe = await page.RunAxe(Wcag);
        Assert.True(axe.Violations.Length == 0, $"{page.Url}:\n" + string.Join("\n", axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} -> {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    [BrowserTheory]
    [MemberData(nameof(CountryNames))]
    public async Task TheCountryNameTypedInTheSearchBoxFindsTheCountryGuideFirst(string culture, string name)
    {
        await SearchReadyAsync();
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}/");
        await o.Page.Locator("header form[role=search] input[name=q]").FillAsync(name);
        await o.Page.Locator("header form[role=search] input[name=q]").PressAsync("Enter");
        await Assertions.Expect(o.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{culture}/search\\?q=")); // not WaitForURLAsync (EditorBrowserTests says why)
        await Assertions.Expect(o.Page.Locator(".results > li > a").First).ToBeVisibleAsync();

        var first = o.Page.Locator(".results > li > a").First;
        Assert.Equal($"/{culture}/countries/iraq", await first.GetAttributeAsync("href"));
        Assert.True(await o.Page.Locator(".results mark").CountAsync() > 0, "no match is marked");
        Assert.Equal(name, await o.Page.Locator("header input[name=q]").InputValueAsync()); // the words stay in the box
        await AssertAccessibleAsync(o.Page);
        Assert.All(o.Requests, r => Assert.StartsWith(fx.BaseUrl + "/", r.Url));
        Assert.Empty(await o.Context.CookiesAsync());
        Assert.Empty(o.ConsoleErrors);

        await first.ClickAsync();
        await Assertions.Expect(o.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{culture}/countries/iraq$")); // polls the address; waits for no load event
    }

    [BrowserTheory]
    [InlineData("هەرێمی کوردستان")]           // Sorani letters as a Kurdish keyboard types them
    [InlineData("هه\u200cرێمی كوردستان")]    // the ZWNJ spelling with Arabic heh and kaf, as older keyboards type it
    [InlineData("هەرێمي کوردستان")]           // Arabic yeh instead of Farsi/Kurdish yeh
    public async Task ASoraniReaderFindsTheSamePageWhicheverKeyboardTheyType(string words)
    {
        await SearchReadyAsync();
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        await o.Page.GotoAsync($"{fx.BaseUrl}/ckb/");
        await o.Page.Locator("header form[role=search] input[name=q]").FillAsync(words);
        await o.Page.Locator("header form[role=search] input[name=q]").PressAsync("Enter");
        await Assertions.Expect(o.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ckb/search\\?q="));
        await Assertions.Expect(o.Page.Locator(".results > li > a").First).ToBeVisibleAsync();
        Assert.Equal("/ckb/countries/iraq", await o.Page.Locator(".results > li > a").First.GetAttributeAsync("href"));
        Assert.Equal("rtl", await o.Page.Locator("html").GetAttributeAsync("dir"));
        await AssertAccessibleAsync(o.Page);
    }

    public static TheoryData<string, string> IndexPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConfiguredCultures.All)
            foreach (var p in new[] { "/countries", "/stories" }) data.Add(c, p);
        return data;
    }

    [BrowserTheory]
    [MemberData(nameof(IndexPages))]
    public async Task IndexPagesListEverythingAndAreAccessible(string culture, string path)
    {
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        var response = await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}{path}");
        Assert.Equal(200, response!.Status);
        var links = await o.Page.Locator("main ul:not(nav ul) a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        Assert.Equal(path == "/countries"
            ? [$"/{culture}/countries/guinea", $"/{culture}/countries/iraq"]
            : [$"/{culture}/stories/mazan"], links.Order());
        await AssertAccessibleAsync(o.Page);
        var overflow = await o.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"scrolls {overflow}px horizontally at 320px");
    }

    public static TheoryData<string, string> FirstScreens()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConfiguredCultures.All)
            foreach (var p in new[] { "/", "/countries/iraq", "/support-points" }) data.Add(c, p);
        return data;
    }

    [BrowserTheory]
    [MemberData(nameof(FirstScreens))]
    public async Task AtTwiceTheTextSizeOnA320PxPhoneTheFirstHeadingIsOnTheFirstScreen(string culture, string path)
    {
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}{path}");
        await o.Page.EvaluateAsync("() => { document.documentElement.style.fontSize = '200%'; }");
        var bottom = await o.Page.EvaluateAsync<double>("() => { const h = document.querySelector('h1'); return h.getBoundingClientRect().top + parseFloat(getComputedStyle(h).lineHeight); }");
        Assert.True(bottom <= 640, $"{culture}{path}: the first heading's first line ends at {bottom:0}px, below the first screen");
    }

    [BrowserTheory]
    [MemberData(nameof(CultureList))]
    public async Task OnTheHomePageTheSupportPointLinkIsOnTheFirstScreen(string culture)
    {
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}/");
        var box = await o.Page.Locator($"main a[href='/{culture}/support-points']").First.BoundingBoxAsync();
        Assert.True(box is not null && box.Y + box.Height <= 640, $"the support-point link ends at {box?.Y + box?.Height}px");
    }

    public static TheoryData<string> CultureList() => ConfiguredCultures.Theory(ConfiguredCultures.All);

    [BrowserTheory]
    [MemberData(nameof(CultureList))]
    public async Task SupportPointLinksAreAtLeast24PxTallAndNamedForWhereTheyGo(string culture)
    {
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}/support-points");
        var heights = await o.Page.Locator("main .point a").EvaluateAllAsync<double[]>("as => as.map(a => a.getBoundingClientRect().height)");
        Assert.NotEmpty(heights);
        Assert.All(heights, h => Assert.True(h >= 24, $"a link {h}px tall"));

        // Two links with one name must go to one place: "Route (OpenStreetMap)" three times on a page told a screen reader nothing.
        var links = await o.Page.Locator("main a").EvaluateAllAsync<string[][]>(
            "as => as.map(a => [(a.getAttribute('aria-label') || a.innerText).replace(/\\s+/g, ' ').trim(), a.href])");
        var clashes = links.GroupBy(l => l[0]).Where(g => g.Select(l => l[1]).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.True(clashes.Count == 0, "links with one name and different targets: " + string.Join(" | ", clashes));
        // Each route link names its own support point (by the city's name in the reader's language).
        var routes = links.Where(l => l[1].Contains("openstreetmap", StringComparison.OrdinalIgnoreCase)).Select(l => l[0]).ToList();
        Assert.True(routes.Count >= 2);
        Assert.Equal(routes.Count, routes.Distinct().Count());
    }
}
