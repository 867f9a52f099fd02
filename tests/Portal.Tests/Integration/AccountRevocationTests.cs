using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Audit;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: accounts, roles, security stamps and the audit log live in the database.
/// <summary>Taking access back: a lock, a removed role or a reset counts from the person's very next request.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class AccountRevocationTests : IDisposable
{
    // The real clock: Identity compares the cookie's issue time with now, and a frozen clock would never see time pass.
    private readonly PortalApplication _app = new();

    [Fact]
    public async Task ALockedEditorsNextRequestFromTheirOpenPageIsRefusedAndNothingIsPublished()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        var token = await TokenAsync("editor@example.org");
        using var script = _app.CreateReaderClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/manage/items/page/about/nl")).StatusCode);
        var guinea = await _app.ItemIdAsync("guinea");
        var open = await editor.GetDocumentAsync($"/editor/content/{guinea}/nl"); // the tab the editor keeps open
        var before = await StateAsync(guinea);

        using var admin = await _app.SignInAsync("admin@example.org", Roles.Administrator);
        using var locked = await SubmitRowAsync(admin, "editor@example.org", "Lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        using var publish = await editor.SubmitAsync(open, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.Body"] = "Gepubliceerd na het blokkeren." });
        AssertRefused(publish);
        Assert.Equal(before, await StateAsync(guinea));
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/manage/items/page/about/nl")).StatusCode); // its tokens too
        using var next = await editor.GetAsync("/editor");
        Assert.Contains("/editor/sign-in", next.Headers.Location!.OriginalString);
        using var retry = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await Html.GetDocumentAsync(await retry.TrySignInAsync("editor@example.org", EditorSession.Password));
        Assert.Matches("administrator|beheerder", refused.QuerySelector("[role=alert]")!.TextContent); // not "15 minutes"
    }

    [Fact]
    public async Task ARemovedRoleCountsFromTheNextRequest()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        var guinea = await _app.ItemIdAsync("guinea");
        var open = await editor.GetDocumentAsync($"/editor/content/{guinea}/nl");
        var before = await StateAsync(guinea);

        using var admin = await _app.SignInAsync("admin@example.org", Roles.Administrator);
        using var removed = await SubmitRowAsync(admin, "editor@example.org", "Role", "role=Editor");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        using var publish = await editor.SubmitAsync(open, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.Body"] = "Gepubliceerd zonder rol." });
        AssertRefused(publish);
        Assert.Equal(before, await StateAsync(guinea));
    }

    [Fact]
    public async Task TheLastAdministratorCannotRemoveTheirRoleOrLockThemselves()
    {
        using var admin = await _app.SignInAsync("admin@example.org", Roles.Administrator);
        using var removed = await SubmitRowAsync(admin, "admin@example.org", "Role", "role=Administrator");
        Assert.Equal(HttpStatusCode.BadRequest, removed.StatusCode);
        Assert.Contains("last Administrator", (await Html.GetDocumentAsync(removed)).QuerySelector("#users-error")!.TextContent);
        using var locked = await SubmitRowAsync(admin, "admin@example.org", "Lock");
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/editor/users")).StatusCode); // still an administrator

        // With a second administrator, the first may step down; the second then is the last one.
        using var second = await _app.SignInAsync("second@example.org", Roles.Administrator);
        using var stepDown = await SubmitRowAsync(admin, "admin@example.org", "Role", "role=Administrator");
        Assert.Equal(HttpStatusCode.Redirect, stepDown.StatusCode);
        Assert.Contains("/editor/denied", (await admin.GetAsync("/editor/users")).Headers.Location!.OriginalString);
        using var lockLast = await SubmitRowAsync(second, "second@example.org", "Lock");
        Assert.Equal(HttpStatusCode.BadRequest, lockLast.StatusCode);
    }

    [Fact]
    public async Task AResetPasswordEndsOpenSessionsAndMustBeChangedAtTheNextSignIn()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        using var admin = await _app.SignInAsync("admin@example.org", Roles.Administrator);
        using var reset = await SubmitRowAsync(admin, "editor@example.org", "Reset");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.True(reset.Headers.CacheControl!.NoStore);
        var temporary = (await Html.GetDocumentAsync(reset)).QuerySelector("#temporary-password")!.TextContent;
        Assert.True(temporary.Length >= 12);
        Assert.Contains("/editor/sign-in", (await editor.GetAsync("/editor")).Headers.Location!.OriginalString); // the open session ended

        using var fresh = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await fresh.TrySignInAsync("editor@example.org", EditorSession.Password)).StatusCode); // the old one no longer works
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.TrySignInAsync("editor@example.org", temporary)).StatusCode);
        using var dashboard = await fresh.GetAsync("/editor");
        Assert.Equal("/editor/account/password", dashboard.Headers.Location!.OriginalString); // nothing else until it is changed

        var page = await fresh.GetDocumentAsync("/editor/account/password");
        Assert.NotNull(page.QuerySelector("#must-change"));
        using var changed = await fresh.SubmitAsync(page, "#password-form", null, new Dictionary<string, string?>
        {
            ["Input.Current"] = temporary, ["Input.New"] = "a new passphrase of my own", ["Input.Repeat"] = "a new passphrase of my own",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/editor")).StatusCode); // still signed in, free to work

        var audit = await _app.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.Action == AuditActions.PasswordReset || a.Action == AuditActions.PasswordChanged)
            .OrderBy(a => a.Id).Select(a => a.Action + " " + a.Actor + " " + a.Target).ToListAsync());
        Assert.Equal(["password-reset admin@example.org editor@example.org", "password-changed editor@example.org editor@example.org"], audit);
    }

    [Fact]
    public async Task EveryEditorChangesTheirOwnPasswordAndTheOldOneStopsWorking()
    {
        using var translator = await _app.SignInAsync("translator@example.org", Roles.Translator);
        var page = await translator.GetDocumentAsync("/editor/account/password");
        using var mismatch = await translator.SubmitAsync(page, "#password-form", null, new Dictionary<string, string?>
        {
            ["Input.Current"] = EditorSession.Password, ["Input.New"] = "another long passphrase", ["Input.Repeat"] = "another long passphrase!",
        });
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        using var wrong = await translator.SubmitAsync(page, "#password-form", null, new Dictionary<string, string?>
        {
            ["Input.Current"] = "not my password at all", ["Input.New"] = "another long passphrase", ["Input.Repeat"] = "another long passphrase",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var changed = await translator.SubmitAsync(page, "#password-form", null, new Dictionary<string, string?>
        {
            ["Input.Current"] = EditorSession.Password, ["Input.New"] = "another long passphrase", ["Input.Repeat"] = "another long passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await translator.GetAsync("/editor")).StatusCode);

        using var other = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await other.TrySignInAsync("translator@example.org", EditorSession.Password)).StatusCode); // refused: the form again
        Assert.Equal(HttpStatusCode.Redirect, (await other.TrySignInAsync("translator@example.org", "another long passphrase")).StatusCode);
    }

    [Fact]
    public async Task TheUsersCommandsChangeRolesLockAndListWithClearErrors()
    {
        using var db = new ProcessDatabase();
        Task<(int Code, string Output)> Run(params string[] args) => EditorSecurityTests.RunUsersCommandAsync(db, "a long enough passphrase\n", args);

        Assert.Equal(0, (await Run("users", "add", "admin@example.org", "Administrator")).Code);
        Assert.Equal(0, (await Run("users", "add", "ed@example.org", "Editor")).Code);
        var last = await Run("users", "role", "admin@example.org", "Administrator", "--remove");
        Assert.Equal(1, last.Code);
        Assert.Contains("last Administrator", last.Output);
        Assert.Equal(1, (await Run("users", "lock", "admin@example.org")).Code);
        Assert.Equal(0, (await Run("users", "role", "ed@example.org", "Translator")).Code);
        Assert.Equal(0, (await Run("users", "role", "ed@example.org", "Editor", "--remove")).Code);
        Assert.Equal(0, (await Run("users", "lock", "ed@example.org")).Code);

        var list = await Run("users", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains("admin@example.org\tAdministrator\n", list.Output.ReplaceLineEndings("\n"));
        Assert.Contains("ed@example.org\tTranslator\tlocked", list.Output);
        Assert.Equal(0, (await Run("users", "unlock", "ed@example.org")).Code);
        Assert.DoesNotContain("locked", (await Run("users", "list")).Output);

        var nobody = await Run("users", "role", "nobody@example.org", "Editor");
        Assert.Equal(1, nobody.Code);
        Assert.Contains("No account nobody@example.org", nobody.Output);
        var badRole = await Run("users", "role", "ed@example.org", "Superuser");
        Assert.Equal(2, badRole.Code);
        Assert.Contains("usage", badRole.Output);
        Assert.Equal(2, (await Run("users", "lock")).Code);
    }

    /// <summary>Submits the form of one button in an account's row on /editor/users, e.g. its Lock or its Editor role.</summary>
    private static async Task<HttpResponseMessage> SubmitRowAsync(HttpClient client, string email, string handler, string? extra = null)
    {
        var page = await client.GetDocumentAsync("/editor/users");
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim().StartsWith(email, StringComparison.Ordinal));
        var action = row.QuerySelectorAll("form").Select(f => f.GetAttribute("action")!)
            .Single(a => a.Contains($"handler={handler}") && (extra is null || a.Contains(extra)));
        return await client.SubmitAsync(page, $"form[action='{action}']");
    }

    private static void AssertRefused(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/editor/sign-in") || location.Contains("/editor/denied"))),
            $"{(int)response.StatusCode} {location}");
    }

    private Task<(int Revisions, int? Published)> StateAsync(int itemId) => _app.WithDbAsync(async (db, _) => (
        await db.ContentRevisions.CountAsync(r => r.Translation.ContentItemId == itemId),
        await db.ContentTranslations.Where(t => t.ContentItemId == itemId && t.Culture == "nl").Select(t => t.PublishedRevisionId).SingleAsync()));

    private Task<string> TokenAsync(string email) => _app.WithDbAsync(async (_, sp) =>
    {
        var user = await sp.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email);
        return (await sp.GetRequiredService<AccessTokens>().CreateAsync(user!.Id, "test script", null, "test"))!.Secret;
    });

    public void Dispose() => _app.Dispose();
}
