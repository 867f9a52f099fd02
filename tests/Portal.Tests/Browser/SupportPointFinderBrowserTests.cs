using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Tests.Integration;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

/// <summary>An app of its own whose support points have hours and languages (test data), so other browser tests see the shipped content.</summary>
public sealed class FinderApplication : IAsyncLifetime
{
    public KestrelPortalApplication App { get; } = new();
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        BaseUrl = App.BaseUrl;
        await SupportPointFinderTests.GiveHoursAsync(App);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

// Both providers: the list is read from the database.
/// <summary>A reader narrows the support points with the form, without script, in every language; axe finds nothing.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class SupportPointFinderBrowserTests(BrowserFixture fx, FinderApplication finder) : IClassFixture<FinderApplication>
{
    public static TheoryData<string> Cultures() => ConfiguredCultures.Theory(ConfiguredCultures.All);

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [BrowserTheory]
    [MemberData(nameof(Cultures))]
    public async Task AReaderFiltersByProvinceAndLanguageWithoutScript(string culture)
    {
        await using var o = await fx.NewPageAsync(width: 320, height: 640);
        await o.Page.GotoAsync($"{finder.BaseUrl}/{culture}/support-points");
        Assert.Equal(3, await o.Page.Locator("section.point").CountAsync());

        await o.Page.Locator("#region").SelectOptionAsync("zuid-holland");
        await o.Page.Locator("#language").SelectOptionAsync("ar");
        await o.Page.Locator("form.filter button[type=submit]").ClickAsync();
        // Polls the address; WaitForURLAsync also waits for a load event, which can pass before it starts waiting (CI timeout).
        await Assertions.Expect(o.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("region=zuid-holland.*language=ar|language=ar.*region=zuid-holland"));

        // Leiden is in Utrecht here and Den Haag speaks Dutch and Persian: Rotterdam remains, its languages not known.
        Assert.Equal(["rotterdam"], await o.Page.Locator("section.point").EvaluateAllAsync<string[]>("s => s.map(e => e.id)"));
        Assert.Equal("zuid-holland", await o.Page.Locator("#region").InputValueAsync());
        Assert.True(await o.Page.Locator(".notice[role=status]").IsVisibleAsync());

        var axe = await o.Page.RunAxe(Wcag);
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} -> {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
        Assert.Empty(o.ConsoleErrors);
        Assert.All(o.Requests, r => Assert.StartsWith(finder.BaseUrl, r.Url));
        Assert.Equal(0, await o.Page.Locator("script:not([type='application/ld+json'])").CountAsync());
    }
}
