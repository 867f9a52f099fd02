using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Operations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The database goes away while the portal runs, and comes back. Readers of uncached pages get a 503 with Retry-After in
/// their language and direction with every security header, cached pages are still served, API clients get 503 problem
/// details, the node is not ready; an editor who saves gets the form back with everything typed and "not saved: the
/// database cannot be reached". Once the database is back, everything works again without a restart.
/// </summary>
// Every provider: SQLite loses its file's folder, PostgreSQL its server's connections (OutageApplication).
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly OutageApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string[] SecurityHeaders =
        ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"];

    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    private const string About = "/api/v1/manage/items/page/about/nl";

    [Fact]
    public async Task ReadersGetA503InTheirLanguageApiClientsAProblemAndAllRecoversWithoutARestart()
    {
        using var reader = _app.CreateReaderClient();
        using var api = _app.CreateClient();
        api.UseToken(await _app.EditorTokenAsync());
        using var normal = await reader.GetAsync("/nl/countries/guinea"); // cached from here on
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);

        _app.Cut();

        foreach (var (path, lang) in new[] { ("/ar/countries/guinea", "ar"), ("/fa/countries/guinea", "fa"), ("/fa/", "fa") })
        {
            using var page = await reader.GetAsync(path);
            Assert.True(page.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)page.StatusCode}");
            Assert.NotNull(page.Headers.RetryAfter);
            var doc = await Html.GetDocumentAsync(page);
            Assert.Equal(lang, doc.DocumentElement.GetAttribute("lang"));
            Assert.Equal("rtl", doc.DocumentElement.GetAttribute("dir"));
            foreach (var header in SecurityHeaders) Assert.True(Header(normal, header) == Header(page, header), $"{path}: {header} is '{Header(page, header)}'");
            Assert.False(page.Headers.Contains("Set-Cookie"));
        }
        using (var cached = await reader.GetAsync("/nl/countries/guinea")) Assert.Equal(HttpStatusCode.OK, cached.StatusCode);

        foreach (var (client, path) in new[] { (reader, "/api/v1/en/countries/guinea"), (api, About) })
        {
            using var problem = await client.GetAsync(path);
            Assert.True(problem.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)problem.StatusCode}");
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(problem.Headers.RetryAfter);
            Assert.Contains("cannot be reached", (string)JsonNode.Parse(await problem.Content.ReadAsStringAsync())!["detail"]!);
        }
        // Each failure is logged once, by the portal, with its cause and error id; EF Core's own lines stay below the log's level.
        var failures = _app.Logs.Lines.Where(l => l.Level >= LogLevel.Error).ToList();
        Assert.All(failures, l => Assert.StartsWith("Portal.", l.Category));
        var cause = TestDatabase.Provider == TestProvider.PostgreSql ? "the database cannot be reached" : "the database file cannot be opened or read";
        Assert.Single(failures, l => l.Message.StartsWith($"GET /ar/countries/guinea failed ({cause}); error id ", StringComparison.Ordinal));

        var (status, body, _) = await HealthTests.GetAsync(reader, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("cannot connect to the database", body);

        _app.Restore();

        Assert.Equal(HttpStatusCode.OK, (await HealthTests.GetAsync(reader, "/health/ready")).Status);
        using (var back = await reader.GetAsync("/ar/countries/guinea")) Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        using var got = await api.GetAsync(About);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
        draft["body"] = "Na de storing opgeslagen.";
        using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, About + "/draft", draft, got.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Fact]
    public async Task ReadinessLogsTheOutageOnceAndTheRecoveryOnceNotEveryProbe()
    {
        using var prober = _app.CreateReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await HealthTests.GetAsync(prober, "/health/ready")).Status);
        var before = _app.Logs.Lines.Count;

        _app.Cut();
        for (var probe = 0; probe < 5; probe++)
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthTests.GetAsync(prober, "/health/ready")).Status);
        _app.Restore();
        for (var probe = 0; probe < 3; probe++)
            Assert.Equal(HttpStatusCode.OK, (await HealthTests.GetAsync(prober, "/health/ready")).Status);

        // What an operator reads: one line when the node stopped being ready, with the cause, and one when it was ready again.
        // Other work that needed the database meanwhile (a search index rebuild after a notification) logs its own failure.
        var lines = _app.Logs.Lines.Skip(before).Where(l => l.Category == typeof(ReadinessLog).FullName || l.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal)).ToList();
        var down = Assert.Single(lines, l => l.Level >= LogLevel.Error);
        Assert.StartsWith("Not ready: cannot connect to the database", down.Message);
        var up = Assert.Single(lines, l => l.Message.StartsWith("Ready again", StringComparison.Ordinal));
        Assert.True(lines.IndexOf(up) > lines.IndexOf(down));
    }

    private static void AssertFormKept(HttpResponseMessage answer, IHtmlDocument page, string field, string text)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.NotNull(answer.Headers.RetryAfter);
        Assert.Equal(text, page.QuerySelector($"[name='{field}']") switch
        {
            IHtmlTextAreaElement area => area.Value,
            IHtmlInputElement input => input.Value,
            var other => other?.OuterHtml,
        });
        Assert.Contains("de database is niet bereikbaar", page.QuerySelector("#edit-error")!.TextContent); // the workspace speaks Dutch unless asked otherwise
    }

    [Fact]
    public async Task AWorkspaceSaveDuringAnOutageGivesTheFormBackWithTheTextAndSavesOnceTheDatabaseIsBack()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var about = await _app.ItemIdAsync("about");
        var form = await editor.GetDocumentAsync($"/editor/content/{about}/nl");
        var newPage = await editor.GetDocumentAsync("/editor/content/new/page");
        const string Body = "Getypt tijdens de storing; dit mag niet verloren gaan.";

        _app.Cut();

        using var posted = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']",
            new Dictionary<string, string?> { ["Form.Body"] = Body, ["Form.Title"] = "Over ons (nieuw)", ["Form.ChangeNote"] = "Tijdens de storing" });
        var kept = await Html.GetDocumentAsync(posted);
        AssertFormKept(posted, kept, "Form.Body", Body);
        Assert.Equal("Over ons (nieuw)", ((IHtmlInputElement)kept.QuerySelector("[name='Form.Title']")!).Value);
        Assert.Equal("Tijdens de storing", ((IHtmlTextAreaElement)kept.QuerySelector("[name='Form.ChangeNote']")!).Value);

        using var created = await editor.SubmitAsync(newPage, "#new-form", "#create",
            new Dictionary<string, string?> { ["Form.Title"] = "Storingspagina", ["Form.Summary"] = "Een samenvatting.", ["Form.Body"] = Body });
        AssertFormKept(created, await Html.GetDocumentAsync(created), "Form.Body", Body);

        _app.Restore();

        // The form that came back is a working form: saving it again, the text is stored.
        using var again = await editor.SubmitAsync(kept, "#edit-form", "button[formaction*='handler=Save']");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var stored = await _app.WithDbAsync((db, _) => db.ContentTranslations.Where(t => t.ContentItemId == about && t.Culture == "nl")
            .Select(t => t.DraftRevision!.BodyMarkdown).SingleAsync());
        Assert.Equal(Body, stored);
    }
}
