using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

// Both providers: the pages are rendered from the database.
/// <summary>What only a browser can see, on every reader page type in every language.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ReaderBrowserTests(BrowserFixture fx)
{
    private static readonly string[] PageTypes = ["/", "/countries/iraq", "/countries/guinea/safety", "/support-points", "/stories/mazan", "/about", "/countries", "/stories", "/search", "/no-such-page"];

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConfiguredCultures.All)
            foreach (var p in PageTypes) data.Add(c, p);
        return data;
    }

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [BrowserTheory]
    [MemberData(nameof(Pages))]
    public async Task PageIsAccessibleQuietPrivateAndFitsA320PxScreen(string culture, string path)
    {
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        var url = $"{fx.BaseUrl}/{culture}{path}";
        await o.Page.GotoAsync(url);

        AxeResult axe = await o.Page.RunAxe(Wcag);
        Assert.True(axe.Violations.Length == 0, $"{url}:\n" + string.Join("\n", axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} -> {string.Join(", ", v.Nodes.Select(n => n.Target))}")));

        // The 404 page logs its own status as a console error in Chromium; nothing else may.
        var errors = path == "/no-such-page" ? o.ConsoleErrors.Where(e => !e.Contains("404", StringComparison.Ordinal)).ToList() : o.ConsoleErrors;
        Assert.Empty(errors);
        Assert.All(o.Requests, r => Assert.StartsWith(fx.BaseUrl + "/", r.Url));
        Assert.Empty(await o.Context.CookiesAsync());

        var overflow = await o.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{url} scrolls {overflow}px horizontally at 320px");
    }

    public static TheoryData<string> Cultures() => ConfiguredCultures.Theory(ConfiguredCultures.All);

    public static TheoryData<string> RightToLeftCultures() => ConfiguredCultures.Theory(ConfiguredCultures.RightToLeft);

    [BrowserTheory]
    [MemberData(nameof(RightToLeftCultures))]
    public async Task RightToLeftPagesMirrorNavigationAndHeadings(string culture)
    {
        await using var o = await fx.NewPageAsync();
        await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}/countries/guinea");
        var (navFirst, navBox, h1Text, h1Box) = await Edges(o.Page);
        Assert.True(Math.Abs(navFirst.Right - navBox.Right) <= 2, $"first nav link ends at {navFirst.Right}, its list at {navBox.Right}");
        Assert.True(Math.Abs(h1Text.Right - h1Box.Right) <= 2, $"h1 text ends at {h1Text.Right}, the heading box at {h1Box.Right}");

        // The same page in Dutch starts at the left: the check above is about direction, not layout luck.
        await o.Page.GotoAsync($"{fx.BaseUrl}/nl/countries/guinea");
        (navFirst, navBox, h1Text, h1Box) = await Edges(o.Page);
        Assert.True(Math.Abs(navFirst.Left - navBox.Left) <= 2);
        Assert.True(Math.Abs(h1Text.Left - h1Box.Left) <= 2);
    }

    private sealed record Box(double Left, double Right);

    private static async Task<(Box NavFirst, Box Nav, Box H1Text, Box H1)> Edges(IPage page)
    {
        var r = await page.EvaluateAsync<double[]>("""
            () => {
              const ul = document.querySelector('header nav ul'); const a = ul.querySelector('a');
              const h1 = document.querySelector('h1'); const range = document.createRange(); range.selectNodeContents(h1);
              const cs = getComputedStyle(ul);
              const ulBox = ul.getBoundingClientRect(), aBox = a.getBoundingClientRect(), t = range.getBoundingClientRect(), h = h1.getBoundingClientRect();
              return [aBox.left, aBox.right, ulBox.left + parseFloat(cs.paddingLeft), ulBox.right - parseFloat(cs.paddingRight), t.left, t.right, h.left, h.right];
            }
            """);
        return (new Box(r[0], r[1]), new Box(r[2], r[3]), new Box(r[4], r[5]), new Box(r[6], r[7]));
    }

    [BrowserFact]
    public async Task APhoneNumberInArabicTextReadsLeftToRight()
    {
        await using var o = await fx.NewPageAsync();
        await o.Page.GotoAsync($"{fx.BaseUrl}/ar/support-points?city=Leiden");
        // x of the first and last digit as laid out: "071-5133088" must show 0 left of the final 8.
        var xs = await o.Page.EvaluateAsync<double[]>("""
            () => {
              const a = document.querySelector("a[href^='tel:']"); const text = a.firstChild; const n = text.length;
              const first = document.createRange(); first.setStart(text, 0); first.setEnd(text, 1);
              const last = document.createRange(); last.setStart(text, n - 1); last.setEnd(text, n);
              return [first.getBoundingClientRect().left, last.getBoundingClientRect().left];
            }
            """);
        Assert.Equal("071-5133088", await o.Page.Locator("a[href^='tel:']").InnerTextAsync());
        Assert.True(xs[0] < xs[1], $"first digit at {xs[0]}, last at {xs[1]}: the number is laid out reversed");
    }

    [BrowserFact]
    public async Task SkipLinkMovesFocusToTheMainContentAndFocusIsVisible()
    {
        await using var o = await fx.NewPageAsync();
        await o.Page.GotoAsync($"{fx.BaseUrl}/en/countries/guinea");
        await o.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await o.Page.EvaluateAsync<string>("() => document.activeElement.className"));
        var outline = await o.Page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.DoesNotContain("none", outline);
        Assert.True(await o.Page.Locator(".skip").IsVisibleAsync());

        await o.Page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await o.Page.EvaluateAsync<string>("() => document.activeElement.id"));

        await o.Page.Keyboard.PressAsync("Tab"); // the next stop is a link inside the main content, with a visible outline
        var next = await o.Page.EvaluateAsync<string[]>("() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.closest('main') ? 'in-main' : 'outside', s.outlineStyle, s.outlineWidth]; }");
        Assert.Equal("in-main", next[0]);
        Assert.NotEqual("none", next[1]);
        Assert.NotEqual("0px", next[2]);
    }

    [BrowserFact]
    public async Task PrintHidesNavigationAndPrintsThePageDateAndAddress()
    {
        await using var o = await fx.NewPageAsync();
        await o.Page.GotoAsync($"{fx.BaseUrl}/nl/countries/guinea");
        Assert.False(await o.Page.Locator(".print-only").IsVisibleAsync());
        await o.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        Assert.False(await o.Page.Locator("header nav").First.IsVisibleAsync());
        var printed = await o.Page.Locator(".print-only").InnerTextAsync();
        Assert.Contains($"{fx.BaseUrl}/nl/countries/guinea", printed);
        Assert.Contains("28 november 2026", printed);

        await o.Page.GotoAsync($"{fx.BaseUrl}/nl/support-points?city=Leiden");
        Assert.Contains("Oude Rijn 44B", await o.Page.Locator("address").InnerTextAsync()); // a support point prints with its address
        Assert.False(await o.Page.Locator("form.filter").IsVisibleAsync());
    }

    [BrowserTheory]
    [MemberData(nameof(Cultures))]
    public async Task ACountryPageTransfersAtMost14KbInAtMostThreeRequests(string culture)
    {
        foreach (var country in new[] { "guinea", "iraq" })
        {
            await using var o = await fx.NewPageAsync();
            await o.Page.GotoAsync($"{fx.BaseUrl}/{culture}/countries/{country}", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            long bytes = 0;
            foreach (var r in o.Requests)
            {
                var sizes = await r.SizesAsync();
                bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            }
            Assert.True(o.Requests.Count <= 3, $"{culture}/{country}: {o.Requests.Count} requests: {string.Join(", ", o.Requests.Select(r => r.Url))}");
            Assert.True(bytes <= 14 * 1024, $"{culture}/{country}: {bytes} bytes transferred");
        }
    }
}
