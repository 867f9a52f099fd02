using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Accounts;

namespace Portal.Tests.Support;

/// <summary>The portal on a real Kestrel socket (port 0), for a real browser.</summary>
public sealed class KestrelPortalApplication : PortalApplication
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public KestrelPortalApplication() : this(new Dictionary<string, string>()) { }

    /// <param name="settings">Configuration on top of the tests' (e.g. Portal:Caching:MaxAgeSeconds for the proxy tests).</param>
    public KestrelPortalApplication(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        // Not UseKestrel(0): that clears the server's addresses after the app has started Kestrel on its own thread, and
        // when Kestrel binds first it throws "Addresses cannot be modified after the server has started" (dotnet/aspnetcore
        // PR 67714; seen once in CI). Port 0 through the app's own URL setting instead.
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public string BaseUrl
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }
    }
}

/// <summary>
/// One app and one Debian Chromium for all browser tests (a collection fixture: one per class would start several
/// browsers on 2 cores). Playwright drives /usr/bin/chromium through ExecutablePath; it never downloads a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public KestrelPortalApplication App { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        BaseUrl = App.BaseUrl;
        if (!File.Exists(TestTools.ChromiumPath)) return; // the tests skip (or fail under the full suite) by attribute
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestTools.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A new account with the role, signed in on a new page of the context: the workspace's dashboard.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string email, string role)
    {
        await using (var scope = App.Services.CreateAsyncScope())
            await UserCommands.CreateAsync(scope.ServiceProvider, email, role, EditorSession.Password, "test");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/editor/sign-in");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(EditorSession.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        // Not WaitForURLAsync: once the URL matches it waits for the page's "load" state, and in one CI run Playwright saw
        // "networkidle" but never "load" for the page after the sign-in redirect and timed out. The URL and a visible
        // heading are what the editor sees; later steps wait for their own elements.
        await Assertions.Expect(page).ToHaveURLAsync($"{BaseUrl}/editor");
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A fresh context (no cache, no cookies) with a page that records console errors and every request.</summary>
    public async Task<ObservedPage> NewPageAsync(int width = 1024, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var observed = new ObservedPage(context, page);
        page.Console += (_, m) => { if (m.Type == "error") observed.ConsoleErrors.Add(m.Text); };
        page.PageError += (_, e) => observed.ConsoleErrors.Add(e);
        page.Request += (_, r) => observed.Requests.Add(r);
        page.Dialog += async (_, d) => { observed.Dialogs.Add(d.Message); await d.DismissAsync(); };
        return observed;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class ObservedPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public List<string> ConsoleErrors { get; } = [];
    public List<IRequest> Requests { get; } = [];
    public List<string> Dialogs { get; } = [];

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
