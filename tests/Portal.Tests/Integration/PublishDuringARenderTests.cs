using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: a render on PostgreSQL takes long enough for a publish to overtake it (found there by the scheduler's test).
/// <summary>
/// A reader's request that read a page's text just before a publish and finished just after it: that reader gets the
/// old text (it asked first), but the cache must not keep it, or every later reader gets it for the cache's 12 hours.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class PublishDuringARenderTests : IDisposable
{
    private readonly HoldingPortalApplication _app = new();

    [Fact]
    public async Task APageRenderedFromTheTextBeforeAPublishIsNotKeptInTheCacheAfterIt()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var guinea = await _app.ItemIdAsync("guinea");
        var form = await editor.GetDocumentAsync($"/editor/content/{guinea}/nl");
        await _app.EvictReaderCacheAsync();

        using var reader = _app.CreateReaderClient();
        using var held = new HttpRequestMessage(HttpMethod.Get, "/nl/countries/guinea");
        held.Headers.Add(HoldAfterHandler.Header, "1");
        var pending = reader.SendAsync(held);
        Assert.True(await _app.Hold.Reached.WaitAsync(TimeSpan.FromSeconds(30)), "the reader's request read the page's text");

        var body = form.QuerySelector("textarea[name='Form.Body']")!.TextContent + "\n\nNieuwe informatie van vandaag.";
        using var published = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.Body"] = body });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        _app.Hold.Release.Release();
        using var first = await pending;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("Nieuwe informatie van vandaag.", await first.Content.ReadAsStringAsync()); // read before the publish

        using var next = await reader.GetAsync("/nl/countries/guinea");
        Assert.Contains("Nieuwe informatie van vandaag.", await next.Content.ReadAsStringAsync());
        Assert.False(next.FromCache());
    }

    public void Dispose() => _app.Dispose();

    /// <summary>Holds a page request that carries <see cref="Header"/> after its handler read the data, until released.</summary>
    private sealed class HoldAfterHandler : IAsyncPageFilter
    {
        public const string Header = "X-Test-Hold";
        public SemaphoreSlim Reached { get; } = new(0);
        public SemaphoreSlim Release { get; } = new(0);

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            await next();
            if (!context.HttpContext.Request.Headers.ContainsKey(Header)) return;
            Reached.Release();
            await Release.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private sealed class HoldingPortalApplication : PortalApplication
    {
        public HoldAfterHandler Hold { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.Configure<MvcOptions>(o => o.Filters.Add(Hold)));
        }
    }
}
