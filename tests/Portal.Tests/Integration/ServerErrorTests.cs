using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// What a user and an operator see when a request fails: a 5xx names an error id that the log line names too, with the
/// method and path (no query string); the reader's error page keeps their language, direction and the security headers.
/// And the reader site's HTTP methods: GET and HEAD, OPTIONS with Allow, 405 with Allow for the rest.
/// </summary>
// Every provider: the forced failure is a table the database no longer has.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ServerErrorTests : IDisposable
{
    private readonly LogCapture _logs = new();
    private readonly LoggedPortalApplication _app;

    public ServerErrorTests() => _app = new LoggedPortalApplication(_logs);

    public void Dispose() => _app.Dispose();

    /// <summary>A real fault, not a thrown test exception: the revisions' table is gone, so every uncached read fails.</summary>
    private Task BreakTheDatabaseAsync() => _app.WithDbAsync(async (db, _) =>
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "ContentRevisions" RENAME TO "ContentRevisionsGone" """));

    private LogCapture.Line FailureLogged(string errorId)
        => Assert.Single(_logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains($"error id {errorId}"));

    [Fact]
    public async Task AFailedReaderPageShowsAnErrorIdThatTheLogLineNamesInTheReadersLanguageWithItsHeaders()
    {
        await BreakTheDatabaseAsync();
        using var client = _app.CreateReaderClient();

        using var response = await client.GetAsync("/fa/countries/guinea?from=search");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var doc = await Html.GetDocumentAsync(response);
        Assert.Equal("fa", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", doc.DocumentElement.GetAttribute("dir"));
        var errorId = doc.QuerySelector("main code")!.TextContent;
        Assert.Matches("^[0-9a-f]{10}$", errorId);
        foreach (var header in new[] { "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy" })
            Assert.True(response.Headers.Contains(header), $"{header} missing from the error page");

        var line = FailureLogged(errorId);
        Assert.StartsWith("GET /fa/countries/guinea failed (", line.Message);
        Assert.DoesNotContain("search", line.Message); // no query string
        Assert.NotNull(line.Exception); // the stack trace is in the log, not on the page
        Assert.DoesNotContain(line.Exception!.GetType().Name, doc.Body!.TextContent);
    }

    [Fact]
    public async Task AFailedApiCallAnswersProblemDetailsWithTheErrorIdOfItsLogLine()
    {
        await BreakTheDatabaseAsync();
        using var client = _app.CreateReaderClient();

        using var response = await client.GetAsync("/api/v1/nl/countries/guinea");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var line = FailureLogged((string)problem["errorId"]!);
        Assert.StartsWith("GET /api/v1/nl/countries/guinea failed (", line.Message);
        Assert.NotNull(line.Exception);

        using var feed = await client.GetAsync("/en/feed.atom");
        Assert.Equal(HttpStatusCode.InternalServerError, feed.StatusCode);
        FailureLogged((string)JsonNode.Parse(await feed.Content.ReadAsStringAsync())!["errorId"]!);
    }

    [Fact]
    public async Task ErrorAndNotFoundAreNoPagesThatFail()
    {
        using var client = _app.CreateReaderClient();
        using var error = await client.GetAsync("/error");
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/not-found")).StatusCode);
        Assert.DoesNotContain(_logs.Lines, l => l.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("TRACE")]
    [InlineData("PATCH")]
    public async Task ReaderPagesAnswerOtherMethodsWith405AndAllow(string method)
    {
        using var client = _app.CreateReaderClient();
        foreach (var path in new[] { "/nl/countries/guinea", "/ar/", "/", "/error", "/not-found" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "TRACE") request.Content = new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Contains("GET", response.Content.Headers.Allow);
            Assert.Contains("HEAD", response.Content.Headers.Allow);
        }
        // A POST to an address that does not exist is not an antiforgery 400 (routing's 405: a GET there is the 404 page).
        using var missing = await client.PostAsync("/nothing/here/at/all", new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.True(missing.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)missing.StatusCode}");
    }
}

/// <summary>
/// What only the real server shows: the one request body limit (4 MB; 413 problem details in the API, a 413 page for a
/// form) and HEAD without a body.
/// </summary>
// Every provider: the token and the pages come from the database (the limit itself is the server's).
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class RealServerRequestTests : IDisposable
{
    private readonly KestrelPortalApplication _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient Client()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(_app.BaseUrl) };
        // As curl does for a large body: the server refuses it by its Content-Length before it is sent (else a broken pipe).
        client.DefaultRequestHeaders.ExpectContinue = true;
        return client;
    }

    [Fact]
    public async Task OptionsNamesTheMethodsAndHeadEqualsGetWithoutABodyCachedOrNot()
    {
        using var client = Client();
        using var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/nl/countries/guinea"));
        Assert.True(options.IsSuccessStatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], options.Content.Headers.Allow.OrderBy(m => m, StringComparer.Ordinal));

        foreach (var path in new[] { "/nl/support-points/leiden.vcf", "/nl/countries/guinea", "/robots.txt", "/sitemap.xml", "/nl/feed.atom" })
        {
            using var headFirst = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path)); // nothing cached yet
            using var get = await client.GetAsync(path);
            using var headAfter = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            foreach (var head in new[] { headFirst, headAfter })
            {
                Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {(int)head.StatusCode}");
                Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
                Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            }
        }
    }

    private static string Big => new('a', 5 * 1024 * 1024);

    [Fact]
    public async Task ABodyOverTheLimitIs413ProblemDetailsInTheApiAndA413PageForAForm()
    {
        using var client = Client();

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/manage/items/country-guide/guinea/nl/draft")
        {
            Content = new StringContent($$"""{"title":"{{Big}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", await _app.EditorTokenAsync());
        request.Headers.IfMatch.Add(new("\"v1\""));
        using var api = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("4 MB", await api.Content.ReadAsStringAsync());

        var page = await client.GetDocumentAsync("/editor/sign-in");
        using var form = await client.SubmitAsync(page, "main form", "main form button[type=submit]",
            new Dictionary<string, string?> { ["Input.Email"] = "a@example.org", ["Input.Password"] = Big });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Contains("4 MB", await form.Content.ReadAsStringAsync());
    }
}
