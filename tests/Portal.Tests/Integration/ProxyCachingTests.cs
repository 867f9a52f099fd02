using System.Diagnostics;
using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the pages come from the database and a publish goes through it.
/// <summary>
/// Debian's nginx as a caching proxy (proxy_cache) in front of the portal on a real socket, as an organisation or a
/// CDN would put one: it keeps pages, revalidates them with the portal's 304s once max-age is over, keeps a Brotli
/// and a plain body apart, and shows a publish within max-age. Max-age is 2 s here (Portal:Caching:MaxAgeSeconds).
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ProxyCachingTests : IDisposable
{
    private const int MaxAgeSeconds = 2;
    private readonly KestrelPortalApplication _app = new(new Dictionary<string, string> { ["Portal:Caching:MaxAgeSeconds"] = $"{MaxAgeSeconds}" });
    private readonly Lazy<Nginx> _proxy;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });

    public ProxyCachingTests() => _proxy = new(() => Nginx.CachingProxy(_app.BaseUrl));

    [NginxFact]
    public async Task PagesAreKeptByTheProxyAndRevalidatedWithThePortals304s()
    {
        const string url = "/nl/countries/guinea";
        using (var first = await GetAsync(url, "br")) Assert.Equal("MISS", Cache(first));
        using (var second = await GetAsync(url, "br"))
        {
            Assert.Equal("HIT", Cache(second));
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        // Once max-age is over, the proxy asks again with the validators it holds; the portal answers 304, not the page.
        await Task.Delay(TimeSpan.FromSeconds(MaxAgeSeconds + 0.5));
        var revalidated = await EventuallyAsync(async () =>
        {
            using var response = await GetAsync(url, "br");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            return _proxy.Value.UpstreamLog.Any(l => l.EndsWith($" 304 {url}", StringComparison.Ordinal));
        });
        Assert.True(revalidated, "no 304 from the portal: " + string.Join(" | ", _proxy.Value.UpstreamLog) + _proxy.Value.ErrorLog);
        using var after = await GetAsync(url, "br");
        Assert.Equal("HIT", Cache(after));
        Assert.DoesNotContain(_proxy.Value.UpstreamLog, l => l.EndsWith($" 200 {url}", StringComparison.Ordinal) && !l.StartsWith("MISS", StringComparison.Ordinal));
    }

    [NginxFact]
    public async Task ABrotliAndAPlainClientEachGetTheirOwnBodyWhicheverCameFirst()
    {
        foreach (var (url, order) in new[] { ("/ar/countries/iraq", new[] { "identity", "br" }), ("/fa/countries/guinea", new[] { "br", "identity" }) })
        {
            var bodies = new Dictionary<string, byte[]>();
            foreach (var round in new[] { 1, 2 })
            {
                foreach (var encoding in order)
                {
                    using var response = await GetAsync(url, encoding);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(encoding == "br" ? ["br"] : [], response.Content.Headers.ContentEncoding);
                    if (round == 2) Assert.Equal("HIT", Cache(response));
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (round == 1) bodies[encoding] = body;
                    else Assert.Equal(bodies[encoding], body);
                }
            }
            Assert.True(bodies["br"].Length < bodies["identity"].Length / 2, $"{url}: br {bodies["br"].Length} B, plain {bodies["identity"].Length} B");
        }
    }

    [NginxFact]
    public async Task APublishIsSeenThroughTheProxyWithinMaxAge()
    {
        const string url = "/nl/countries/guinea";
        const string paragraph = "Nieuw, door de proxy te zien.";
        using (var first = await GetAsync(url, "br")) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var cached = await GetAsync(url, "identity")) Assert.DoesNotContain(paragraph, await cached.Content.ReadAsStringAsync());

        using var api = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        await HttpCachingTests.PublishAsync(_app, "/api/v1/manage/items/country-guide/guinea/nl", paragraph, api);
        var published = Stopwatch.StartNew();
        var seen = await EventuallyAsync(async () =>
        {
            using var response = await GetAsync(url, "identity");
            return (await response.Content.ReadAsStringAsync()).Contains(paragraph);
        });
        Assert.True(seen, "the publish did not reach the proxy's readers");
        Assert.True(published.Elapsed < TimeSpan.FromSeconds(MaxAgeSeconds + 1), $"seen after {published.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Asks every 100 ms for up to max-age and 3 s more.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> check)
    {
        var until = DateTime.UtcNow.AddSeconds(MaxAgeSeconds + 3);
        while (DateTime.UtcNow < until)
        {
            if (await check()) return true;
            await Task.Delay(100);
        }
        return false;
    }

    private Task<HttpResponseMessage> GetAsync(string url, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _proxy.Value.BaseUrl + url);
        if (acceptEncoding != "identity") request.Headers.AcceptEncoding.ParseAdd(acceptEncoding); // a plain client sends none
        return _client.SendAsync(request);
    }

    private static string Cache(HttpResponseMessage response) => response.Headers.TryGetValues("X-Cache", out var v) ? v.Single() : "";

    public void Dispose()
    {
        _client.Dispose();
        if (_proxy.IsValueCreated) _proxy.Value.Dispose();
        _app.Dispose();
    }
}
