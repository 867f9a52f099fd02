using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the pages and feeds are rendered from the database.
/// <summary>
/// Portal:PublicUrl: every absolute URL is built from it whatever Host a request names, a request for another host is
/// answered 400 (health probes excepted), and a Production start without it is refused with one line.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class PublicUrlTests : IClassFixture<PublicUrlTests.PublicApp>
{
    private const string Origin = "https://portal.example.org";
    private readonly PublicApp _app;

    public PublicUrlTests(PublicApp app) => _app = app;

    public sealed class PublicApp : PortalApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:PublicUrl", Origin);
        }
    }

    private HttpClient Client(string host)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri($"http://{host}/") });
        return client;
    }

    [Theory]
    [InlineData("/nl/countries/guinea", "<link rel=\"canonical\" href=\"https://portal.example.org/nl/countries/guinea\"")]
    [InlineData("/ar/countries/guinea", "hreflang=\"nl\" href=\"https://portal.example.org/nl/countries/guinea\"")]
    [InlineData("/en/countries/guinea", "type=\"application/atom+xml\" href=\"https://portal.example.org/en/countries/guinea/feed.atom\"")]
    [InlineData("/en/countries/guinea/print", "https://portal.example.org/en/countries/guinea")]
    [InlineData("/robots.txt", "Sitemap: https://portal.example.org/sitemap.xml")]
    [InlineData("/sitemap.xml", "<loc>https://portal.example.org/fr/countries/guinea</loc>")]
    [InlineData("/fr/feed.atom", "href=\"https://portal.example.org/fr/feed.atom\"")]
    [InlineData("/en/support-points", "\"url\":\"https://portal.example.org/en/support-points#")]
    public async Task AbsoluteUrlsUseThePublicUrl(string path, string expected)
    {
        using var client = Client("portal.example.org");
        var body = await client.GetStringAsync(path);
        Assert.Contains(expected, body);
        Assert.DoesNotContain("http://portal.example.org", body);
        Assert.DoesNotContain("localhost", body);
    }

    [Fact]
    public async Task TheOpenApiDocumentsNameThePublicUrlAsTheirServer()
    {
        using var client = Client("portal.example.org");
        foreach (var document in new[] { "/openapi/v1.json", "/openapi/manage.json" })
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync(document));
            Assert.Equal(Origin, json.RootElement.GetProperty("servers").EnumerateArray().Single().GetProperty("url").GetString());
        }
    }

    [Theory]
    [InlineData("/nl/countries/guinea")]
    [InlineData("/robots.txt")]
    [InlineData("/api/v1/nl/countries")]
    [InlineData("/editor/sign-in")]
    public async Task ARequestForAnotherHostIsRefused(string path)
    {
        using var client = Client("evil.example");
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthProbesMayNameTheNodeItself()
    {
        using var client = Client("portal1:8080");
        using var response = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

// No database: the start is refused before one is opened.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class PublicUrlSettingTests
{
    [Theory]
    [InlineData("", "Portal cannot start: Portal:PublicUrl is not set")]
    [InlineData("portal.example.org", "Portal cannot start: Portal:PublicUrl 'portal.example.org' is not an http(s) origin")]
    [InlineData("https://portal.example.org/nl/", "Portal cannot start: Portal:PublicUrl 'https://portal.example.org/nl/' is not an http(s) origin")]
    public async Task AProductionStartWithoutAPublicOriginIsRefusedWithOneLine(string value, string line)
    {
        var settings = PortalProcess.Settings();
        settings["Portal__PublicUrl"] = value;
        var (code, output, error) = await PortalProcess.RunAsync(settings);
        Assert.True(code == 2, $"exit {code}\n{output}\n{error}");
        Assert.StartsWith(line, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
