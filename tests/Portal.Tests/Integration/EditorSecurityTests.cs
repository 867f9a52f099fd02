using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content.Editing;

namespace Portal.Tests.Integration;

// Both providers: accounts, lockout, audit and the users command live in the database.
/// <summary>Who may do what in the editor, and how sign-in is protected.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class EditorSecurityTests : IDisposable
{
    private readonly PortalApplication _app = new();

    private static readonly string[] WorkspaceRoutes = ["/editor", "/editor/content/1/nl", "/editor/content/1/fr/revisions", "/editor/preview/nl/1"];
    private static readonly string[] AdminRoutes = ["/editor/users", "/editor/audit", "/editor/notice", "/editor/webhooks"];

    [Fact]
    public async Task AMajorUpdateWithTheLongestChangeNoteIsSavedAndAuditedInFull2000Characters()
    {
        var editor = new Actor("editor@example.org", new HashSet<string> { Roles.Editor });
        var note = new string('n', 2000); // the longest change note the revision column takes; the audit line adds a prefix
        var result = await _app.WithDbAsync(async (db, sp) =>
        {
            var t = await db.ContentTranslations.AsNoTracking().Include(x => x.DraftRevision).SingleAsync(x => x.Item.Key == "privacy" && x.Culture == "nl");
            var r = t.DraftRevision!;
            return await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(
                new(t.ContentItemId, "nl", t.Version, r.Title, r.Summary, r.BodyMarkdown + "\n\nNieuw.", r.Fields, true, note, null, true), editor);
        });
        Assert.True(result.Succeeded, result.Message);
        var details = await _app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == AuditActions.SaveDraft).Select(e => e.Details).SingleAsync());
        Assert.Equal(2000, details!.Length);
        Assert.EndsWith("…", details);
    }

    [Fact]
    public async Task SigningOutWithTheButtonOnEveryWorkspacePageEndsTheSession()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var page = await editor.GetDocumentAsync("/editor");
        using var signOut = await editor.SubmitAsync(page, "form[action$='sign-out']");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await editor.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/editor/sign-in", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnonymousRequestsToEveryEditorRouteAreSentToSignIn()
    {
        using var client = _app.CreateReaderClient();
        foreach (var url in WorkspaceRoutes.Concat(AdminRoutes))
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/editor/sign-in", response.Headers.Location!.ToString());
        }
        using var post = await client.PostAsync("/editor/content/1/nl?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Title"] = "x" }));
        Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, post.StatusCode.ToString());
        Assert.Equal(84, await _app.WithDbAsync((db, _) => db.ContentRevisions.CountAsync())); // nothing written
    }

    [Theory]
    [InlineData("Editor")]
    [InlineData("Translator")]
    [InlineData("SafetyReviewer")]
    public async Task NonAdministratorsCannotReachUsersAuditOrNotice(string role)
    {
        using var client = await _app.SignInAsync($"{role.ToLowerInvariant()}@example.org", role);
        foreach (var url in AdminRoutes)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/editor/denied", response.Headers.Location!.ToString());
        }
        foreach (var url in WorkspaceRoutes)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task AnAdministratorReachesEverything()
    {
        using var client = await _app.SignInAsync("admin@example.org", "Administrator");
        foreach (var url in WorkspaceRoutes.Concat(AdminRoutes))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task AFormPostWithoutItsAntiforgeryTokenIsRefused()
    {
        using var client = await _app.SignInAsync("editor@example.org", "Editor");
        using var response = await client.PostAsync("/editor/content/1/nl?handler=Publish",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Title"] = "Forged", ["Form.Summary"] = "x", ["Form.Version"] = "1" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(84, await _app.WithDbAsync((db, _) => db.ContentRevisions.CountAsync()));
    }

    [Fact]
    public async Task EditorCookiesAreHttpOnlyStrictAndScopedToTheEditor()
    {
        await _app.SignInAsync("editor@example.org", "Editor");
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/editor/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/editor/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "editor@example.org", ["Input.Password"] = EditorSession.Password, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var response = await client.SendAsync(request);
        var cookies = response.Headers.GetValues("Set-Cookie").Concat(page.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("portal.editor=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c.ToLowerInvariant());
            Assert.Contains("samesite=strict", c.ToLowerInvariant());
            Assert.Contains("path=/editor", c.ToLowerInvariant());
        });
    }

    [Fact]
    public async Task RepeatedFailedSignInsLockTheAccountAndAreAudited()
    {
        using var client = await _app.SignInAsync("editor@example.org", "Editor");
        using var attacker = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await attacker.TrySignInAsync("editor@example.org", "wrong password " + i)).StatusCode);
        using var locked = await attacker.TrySignInAsync("editor@example.org", EditorSession.Password); // right password, too late
        var page = await Html.GetDocumentAsync(locked);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.Null(locked.Headers.Location);
        var failures = await _app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignInFailed && a.Actor == "editor@example.org"));
        Assert.Equal(6, failures);
    }

    [Fact]
    public async Task SignInAttemptsAreRateLimitedPerClient()
    {
        using var app = new RateLimitedPortalApplication();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await client.TrySignInAsync($"nobody{i}@example.org", "whatever password")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private sealed class RateLimitedPortalApplication : PortalApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:Security:SignInAttemptsPerMinute", "3");
        }
    }

    [Fact]
    public async Task AnAdministratorPublishesAndRemovesAnEmergencyNoticeInEveryLanguage()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        using var reader = _app.CreateReaderClient();
        Assert.Null((await reader.GetDocumentAsync("/fr/")).QuerySelector(".site-notice"));

        var form = await admin.GetDocumentAsync("/editor/notice");
        using var published = await admin.SubmitAsync(form, "#notice-form", "button[formaction*='handler=Publish']", new Dictionary<string, string?>
        {
            ["Texts[nl]"] = "Let op: het steunpunt in Leiden is deze week gesloten.", ["Texts[en]"] = "Note: the Leiden support point is closed this week.",
        });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var fr = (await reader.GetDocumentAsync("/fr/countries/guinea")).QuerySelector(".site-notice")!;
        Assert.Equal("nl", fr.GetAttribute("lang")); // no French text: the Dutch one, marked as Dutch
        Assert.Contains("Leiden", fr.TextContent);
        Assert.Contains("closed this week", (await reader.GetDocumentAsync("/en/")).QuerySelector(".site-notice")!.TextContent);

        form = await admin.GetDocumentAsync("/editor/notice");
        using var removed = await admin.SubmitAsync(form, "#notice-form", "button[formaction*='handler=Remove']");
        Assert.Null((await reader.GetDocumentAsync("/fr/countries/guinea")).QuerySelector(".site-notice"));
        var actions = await _app.WithDbAsync((db, _) => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.NoticePublished, actions);
        Assert.Contains(AuditActions.NoticeRemoved, actions);
    }

    [Fact]
    public async Task AnAdministratorAddsAUserAndChangesRolesAndItIsAudited()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        var form = await admin.GetDocumentAsync("/editor/users");
        using var added = await admin.SubmitAsync(form, "form[action*='handler=Add']", "form[action*='handler=Add'] button", new Dictionary<string, string?>
        {
            ["Input.Email"] = "new.translator@example.org", ["Input.Role"] = "Translator", ["Input.Password"] = "a long enough passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        using var translator = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await translator.TrySignInAsync("new.translator@example.org", "a long enough passphrase")).StatusCode);
        var audit = await _app.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.Action == AuditActions.UserCreated).Select(a => a.Actor + " " + a.Target).ToListAsync());
        Assert.Contains("admin@example.org new.translator@example.org", audit);
    }

    [Fact]
    public async Task TheUsersCommandCreatesTheFirstAdministratorWithAPasswordFromStandardInput()
    {
        using var db = new ProcessDatabase();
        var (code, output) = await RunUsersCommandAsync(db, "the first admin's passphrase\n", "users", "add", "first@example.org", "Administrator");
        Assert.True(code == 0, $"exit code {code}, output: {output}");
        Assert.Contains("Created first@example.org (Administrator)", output);

        var (again, _) = await RunUsersCommandAsync(db, "", "users", "add", "second@example.org", "Administrator"); // no password: refused
        Assert.Equal(2, again);
        var (badRole, usage) = await RunUsersCommandAsync(db, "x\n", "users", "add", "third@example.org", "Superuser");
        Assert.Equal(2, badRole);
        Assert.Contains("usage", usage);
    }

    /// <summary>A `users` command on <paramref name="db"/>, a password on standard input; its output and errors as one text.</summary>
    internal static async Task<(int Code, string Output)> RunUsersCommandAsync(ProcessDatabase db, string stdin, params string[] args)
    {
        var (code, output, error) = await PortalProcess.RunWithInputAsync(PortalProcess.Settings(db), stdin, args);
        return (code, output + error);
    }

    public void Dispose() => _app.Dispose();
}
