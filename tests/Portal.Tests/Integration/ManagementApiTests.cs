using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Accounts;
using Portal.Audit;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The management API as a script uses it: a token an administrator made on /editor/tokens, then GET, PUT the draft with
/// If-Match, publish. Through the real app and the workspace's own commands; the reader site and delivery API are checked
/// as readers see them.
/// </summary>
// Every provider: tokens, drafts and publications live in the database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ManagementApiTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;

    public ManagementApiTests() => _app = new ClockedPortalApplication(_clock);

    private const string Guinea = "/api/v1/manage/items/country-guide/guinea/nl";
    private const string NewText = "Nieuwe informatie, via de beheer-API.";

    [Fact]
    public async Task AScriptSavesADraftAndPublishesItAndReadersSeeItOnTheNextRequest()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        await AddUserAsync("editor@example.org", Roles.Editor);
        var token = await CreateTokenAsync(admin, "editor@example.org", "nightly import");
        using var api = Api(token);
        using var reader = _app.CreateReaderClient();
        Assert.DoesNotContain(NewText, await reader.GetStringAsync("/nl/countries/guinea")); // now cached
        Assert.DoesNotContain(NewText, await reader.GetStringAsync("/api/v1/nl/countries/guinea"));

        using var got = await api.GetAsync(Guinea);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal("no-store", got.Headers.CacheControl!.ToString());
        var text = await JsonAsync(got);
        Assert.Equal($"\"v{text["version"]}\"", got.Headers.ETag!.ToString());
        Assert.Equal("published", (string)text["state"]!);

        var draft = DraftFrom(text);
        draft["body"] = (string)draft["body"]! + "\n\n" + NewText;
        using var saved = await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, got.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var afterSave = await JsonAsync(saved);
        Assert.Equal("published-with-draft", (string)afterSave["state"]!);
        Assert.Contains(NewText, (string)afterSave["draft"]!["body"]!);
        Assert.Equal("editor@example.org", (string)afterSave["draft"]!["createdBy"]!);
        Assert.NotEqual(got.Headers.ETag, saved.Headers.ETag);
        Assert.DoesNotContain(NewText, await reader.GetStringAsync("/nl/countries/guinea")); // a draft is not public

        using var published = await SendAsync(api, HttpMethod.Post, Guinea + "/publish", null, saved.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", (string)(await JsonAsync(published))["state"]!);
        Assert.Contains(NewText, await reader.GetStringAsync("/nl/countries/guinea"));
        Assert.Contains(NewText, await reader.GetStringAsync("/api/v1/nl/countries/guinea"));

        // Audited as the token's owner, naming the token (never its secret).
        var prefix = token.Split('_')[1];
        var audit = await _app.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.Action == AuditActions.SaveDraft || a.Action == AuditActions.Publish).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("editor@example.org", a.Actor));
        Assert.All(audit, a => Assert.Contains($"API token {prefix}", a.Details));
        Assert.DoesNotContain(await _app.WithDbAsync((db, _) => db.AuditEntries.ToListAsync()), a => (a.Details ?? "").Contains(token.Split('_', 3)[2]));
    }

    [Fact]
    public async Task ATokenWithoutTheRightsIsRefusedAndNothingIsWritten()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        await AddUserAsync("translator@example.org", Roles.Translator);
        using var translator = Api(await CreateTokenAsync(admin, "translator@example.org", "translations"));
        var revisions = await RevisionCountAsync();

        using var got = await translator.GetAsync(Guinea);
        var draft = DraftFrom(await JsonAsync(got));
        draft["title"] = "Door een vertaler gewijzigd";
        using var refused = await SendAsync(translator, HttpMethod.Put, Guinea + "/draft", draft, got.Headers.ETag);
        await ApiResponses.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        using var publish = await SendAsync(translator, HttpMethod.Post, Guinea + "/publish", null, got.Headers.ETag);
        await ApiResponses.AssertProblemAsync(publish, HttpStatusCode.Forbidden);
        Assert.Equal(revisions, await RevisionCountAsync());

        // The same token may do what a translator does in the workspace: translations.
        const string en = "/api/v1/manage/items/country-guide/guinea/en";
        using var gotEn = await translator.GetAsync(en);
        var translation = DraftFrom(await JsonAsync(gotEn));
        translation["summary"] = "A translator's wording.";
        using var savedEn = await SendAsync(translator, HttpMethod.Put, en + "/draft", translation, gotEn.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, savedEn.StatusCode);

        // No token, a garbage token, another scheme: 401 with a Bearer challenge, as problem details.
        foreach (var auth in new AuthenticationHeaderValue?[] { null, new("Bearer", "portal_00000000_" + new string('A', 43)), new("Bearer", "nonsense"), new("Basic", "YWRtaW46YWRtaW4=") })
        {
            using var anonymous = _app.CreateReaderClient();
            anonymous.DefaultRequestHeaders.Authorization = auth;
            using var response = await anonymous.GetAsync(Guinea);
            await ApiResponses.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        }

        // The token acts with its owner's roles as they are now: with every role taken away, it opens nothing.
        await _app.WithDbAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<IdentityUser>>();
            return await users.RemoveFromRoleAsync((await users.FindByEmailAsync("translator@example.org"))!, Roles.Translator);
        });
        using var roleless = await translator.GetAsync(en);
        await ApiResponses.AssertProblemAsync(roleless, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AStaleIfMatchGets412AndNothingIsWritten()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        await AddUserAsync("alice@example.org", Roles.Editor);
        await AddUserAsync("bob@example.org", Roles.Editor);
        using var alice = Api(await CreateTokenAsync(admin, "alice@example.org", "alice's script"));
        using var bob = Api(await CreateTokenAsync(admin, "bob@example.org", "bob's script"));
        const string about = "/api/v1/manage/items/page/about/nl";

        using var aliceRead = await alice.GetAsync(about);
        using var bobRead = await bob.GetAsync(about);
        var aliceDraft = DraftFrom(await JsonAsync(aliceRead));
        aliceDraft["body"] = "Tekst van Alice.";
        using var first = await SendAsync(alice, HttpMethod.Put, about + "/draft", aliceDraft, aliceRead.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var revisions = await RevisionCountAsync();

        var bobDraft = DraftFrom(await JsonAsync(bobRead));
        bobDraft["body"] = "Tekst van Bob.";
        using var stale = await SendAsync(bob, HttpMethod.Put, about + "/draft", bobDraft, bobRead.Headers.ETag);
        var problem = await ApiResponses.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Contains(first.Headers.ETag!.Tag, problem.Str("detail")); // says which version is current
        using var stalePublish = await SendAsync(bob, HttpMethod.Post, about + "/publish", null, bobRead.Headers.ETag);
        await ApiResponses.AssertProblemAsync(stalePublish, HttpStatusCode.PreconditionFailed);
        using var staleUnpublish = await SendAsync(bob, HttpMethod.Post, about + "/unpublish", null, bobRead.Headers.ETag);
        await ApiResponses.AssertProblemAsync(staleUnpublish, HttpStatusCode.PreconditionFailed);
        using var weak = await SendAsync(bob, HttpMethod.Put, about + "/draft", bobDraft, new EntityTagHeaderValue(first.Headers.ETag!.Tag, isWeak: true));
        await ApiResponses.AssertProblemAsync(weak, HttpStatusCode.PreconditionFailed); // If-Match compares strongly
        using var missing = await SendAsync(bob, HttpMethod.Put, about + "/draft", bobDraft, null);
        await ApiResponses.AssertProblemAsync(missing, HttpStatusCode.PreconditionRequired);

        Assert.Equal(revisions, await RevisionCountAsync());
        var now = await JsonAsync(await bob.GetAsync(about));
        Assert.Equal("Tekst van Alice.", (string)now["draft"]!["body"]!);
        Assert.NotEqual("Tekst van Bob.", (string)now["published"]!["body"]!);
    }

    [Fact]
    public async Task ARevokedTokenAnExpiredTokenAndALockedAccountStopWorking()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        await AddUserAsync("editor@example.org", Roles.Editor);
        await AddUserAsync("other@example.org", Roles.Editor);
        using var revoked = Api(await CreateTokenAsync(admin, "editor@example.org", "to be revoked"));
        using var locked = Api(await CreateTokenAsync(admin, "other@example.org", "owner locked"));
        using var expiring = Api(await CreateTokenAsync(admin, "editor@example.org", "expires tomorrow", expires: "2026-12-02"));
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync(Guinea)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await locked.GetAsync(Guinea)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await expiring.GetAsync(Guinea)).StatusCode);

        var page = await admin.GetDocumentAsync("/editor/tokens");
        using var revoke = await admin.SubmitAsync(page, "tr:has(td:contains('to be revoked')) form");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        await ApiResponses.AssertProblemAsync(await revoked.GetAsync(Guinea), HttpStatusCode.Unauthorized);
        Assert.Contains("to be revoked", (await admin.GetDocumentAsync("/editor/tokens")).QuerySelector("#tokens")!.TextContent);
        Assert.Contains(await _app.WithDbAsync((db, _) => db.AuditEntries.ToListAsync()), a => a.Action == AuditActions.TokenRevoked && a.Actor == "admin@example.org" && a.Target == "editor@example.org");

        page = await admin.GetDocumentAsync("/editor/users");
        using var lockOut = await admin.SubmitAsync(page, "tr:has(td:contains('other@example.org')) form[action*='handler=Lock']");
        Assert.Equal(HttpStatusCode.Redirect, lockOut.StatusCode);
        await ApiResponses.AssertProblemAsync(await locked.GetAsync(Guinea), HttpStatusCode.Unauthorized);

        _clock.Advance(TimeSpan.FromDays(1));
        await ApiResponses.AssertProblemAsync(await expiring.GetAsync(Guinea), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ASafetyLevelChangeThroughTheApiWaitsForADifferentSafetyReviewer()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        await AddUserAsync("editor@example.org", Roles.Editor, Roles.SafetyReviewer);
        using var reviewer = await _app.SignInAsync("reviewer@example.org", "SafetyReviewer");
        using var api = Api(await CreateTokenAsync(admin, "editor@example.org", "safety script"));
        using var reader = _app.CreateReaderClient();
        const string iraq = "/api/v1/manage/items/safety-assessment/iraq-safety/nl";

        using var got = await api.GetAsync(iraq);
        var draft = DraftFrom(await JsonAsync(got));
        draft["fields"]!["physical"]!["level"] = "high";
        draft["isMajor"] = true;
        draft["changeNote"] = "Fysieke veiligheid: hoog risico.";
        using var saved = await SendAsync(api, HttpMethod.Put, iraq + "/draft", draft, got.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var text = await JsonAsync(saved);
        Assert.True((bool)text["draft"]!["needsSafetyApproval"]!);

        using var attempt = await SendAsync(api, HttpMethod.Post, iraq + "/publish", null, saved.Headers.ETag);
        Assert.Equal(HttpStatusCode.Accepted, attempt.StatusCode);
        var waiting = await JsonAsync(attempt);
        Assert.Equal("awaiting-approval", (string)waiting["status"]!);
        Assert.Contains("Safety reviewer", (string)waiting["message"]!);
        Assert.Equal((int)text["draft"]!["id"]!, (int)waiting["revisionId"]!);
        Assert.DoesNotContain("level-high", await reader.GetStringAsync("/nl/countries/iraq"));

        // The author holds the reviewer role too, but approval is another person's act in the workspace.
        var reviewerPage = await reviewer.GetDocumentAsync($"/editor/review/{(int)waiting["revisionId"]!}");
        using var approved = await reviewer.SubmitAsync(reviewerPage, "#approve-form");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("level-high", await reader.GetStringAsync("/nl/countries/iraq"));
    }

    [Fact]
    public async Task TheTokenIsShownOnceAndOnlyItsHashIsStored()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        await AddUserAsync("editor@example.org", Roles.Editor);
        var page = await admin.GetDocumentAsync("/editor/tokens");
        var owner = page.QuerySelectorAll("select[name='Input.UserId'] option").Single(o => o.TextContent == "editor@example.org").GetAttribute("value");
        using var created = await admin.SubmitAsync(page, "#create-token", null, new Dictionary<string, string?> { ["Input.UserId"] = owner, ["Input.Name"] = "shown once" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(created.Headers.CacheControl!.NoStore);
        var token = (await Html.GetDocumentAsync(created)).QuerySelector("#token-secret")!.TextContent;
        Assert.Matches("^portal_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", token);
        var secret = token.Split('_', 3)[2];

        var listed = await admin.GetStringAsync("/editor/tokens");
        Assert.DoesNotContain(secret, listed);
        Assert.Contains($"portal_{token.Split('_')[1]}_", listed); // the prefix identifies it
        var row = await _app.WithDbAsync((db, _) => db.AccessTokens.SingleAsync());
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), row.SecretHash);
        Assert.DoesNotContain(secret, row.Name + row.Prefix + row.CreatedBy);
        Assert.Contains(await _app.WithDbAsync((db, _) => db.AuditEntries.ToListAsync()), a => a.Action == AuditActions.TokenCreated && a.Actor == "admin@example.org" && a.Target == "editor@example.org");

        // Only administrators reach the page.
        using var editor = await _app.SignInAsync("someone@example.org", "Editor");
        using var denied = await editor.GetAsync("/editor/tokens");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api(token).GetAsync(Guinea)).StatusCode);
    }

    [Fact]
    public async Task ATokenNeverOpensTheWorkspaceAndIsNeverCachedOrOpenCrossOrigin()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        var token = await CreateTokenAsync(admin, "admin@example.org", "admin script");
        using var api = Api(token);
        using var workspace = await api.GetAsync("/editor/tokens");
        Assert.Equal(HttpStatusCode.Redirect, workspace.StatusCode);
        Assert.Contains("/editor/sign-in", workspace.Headers.Location!.OriginalString);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, Guinea + "/draft");
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        using var cors = await _app.CreateReaderClient().SendAsync(preflight);
        Assert.False(cors.Headers.Contains("Access-Control-Allow-Origin") && cors.Headers.GetValues("Access-Control-Allow-Methods").Any(m => m.Contains("PUT")));

        // A token's GET is answered afresh each time: a change shows at once.
        using var first = await api.GetAsync(Guinea);
        var draft = DraftFrom(await JsonAsync(first));
        draft["title"] = "Nieuwe titel";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, first.Headers.ETag)).StatusCode);
        Assert.Equal("Nieuwe titel", (string)(await JsonAsync(await api.GetAsync(Guinea)))["draft"]!["title"]!);
    }

    [Fact]
    public async Task BadRequestsGetProblemDetailsAndLoseNothing()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        using var api = Api(await CreateTokenAsync(admin, "admin@example.org", "admin script"));
        var revisions = await RevisionCountAsync();
        using var got = await api.GetAsync(Guinea);
        var etag = got.Headers.ETag;

        await ApiResponses.AssertProblemAsync(await api.GetAsync("/api/v1/manage/items/recipe/guinea/nl"), HttpStatusCode.NotFound);
        await ApiResponses.AssertProblemAsync(await api.GetAsync("/api/v1/manage/items/country-guide/atlantis/nl"), HttpStatusCode.NotFound);
        await ApiResponses.AssertProblemAsync(await api.GetAsync("/api/v1/manage/items/country-guide/guinea/xx"), HttpStatusCode.NotFound);

        using var unknown = await SendAsync(api, HttpMethod.Post, Guinea + "/approve", null, etag);
        Assert.Contains("/openapi/manage.json", (await ApiResponses.AssertProblemAsync(unknown, HttpStatusCode.NotFound)).Str("detail"));

        using var broken = new HttpRequestMessage(HttpMethod.Put, Guinea + "/draft") { Content = new StringContent("{ not json", Encoding.UTF8, "application/json") };
        broken.Headers.IfMatch.Add(etag!);
        await ApiResponses.AssertProblemAsync(await api.SendAsync(broken), HttpStatusCode.BadRequest);

        var draft = DraftFrom(await JsonAsync(got));
        draft["fields"] = JsonNode.Parse("""{"countryCode":"GN","nextReview":null,"sources":[]}""");
        await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, etag), HttpStatusCode.BadRequest); // no "$kind"
        draft["fields"] = JsonNode.Parse("""{"$kind":"recipe"}""");
        await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, etag), HttpStatusCode.BadRequest);
        draft = DraftFrom(await JsonAsync(got));
        draft["title"] = "   ";
        var blank = await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, etag), HttpStatusCode.BadRequest);
        Assert.Equal("Required.", blank.GetProperty("errors").GetProperty("title")[0].GetString());
        draft = DraftFrom(await JsonAsync(got));
        draft["fields"] = JsonNode.Parse("""{"$kind":"story","countryCode":"GN","guideKey":"guinea","name":"X","age":null,"consent":{"recorded":"2026-01-01","scope":"web","expires":null}}""");
        await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, etag), (HttpStatusCode)422);
        draft = DraftFrom(await JsonAsync(got));
        draft["fields"]!["countryCode"] = "guinea";
        var country = await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, etag), HttpStatusCode.BadRequest);
        Assert.True(country.GetProperty("errors").TryGetProperty("fields.countryCode", out _));

        var noOffset = new JsonObject { ["at"] = "2026-12-05T09:00:00" };
        await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Post, Guinea + "/schedule", noOffset, etag), HttpStatusCode.BadRequest);
        var past = new JsonObject { ["at"] = "2026-11-30T09:00:00Z" };
        await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Post, Guinea + "/schedule", past, etag), (HttpStatusCode)422);
        var far = new JsonObject { ["at"] = "9999-12-31T00:00:00Z" };
        var tooFar = await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Post, Guinea + "/schedule", far, etag), (HttpStatusCode)422);
        Assert.Contains("five years", tooFar.GetProperty("detail").GetString());
        Assert.Equal(revisions, await RevisionCountAsync());

        // What readers already see cannot be scheduled (nothing is, and the answer says what is current); a new draft can.
        var later = new JsonObject { ["at"] = "2026-12-05T10:00:00+01:00" };
        using (var already = await SendAsync(api, HttpMethod.Post, Guinea + "/schedule", later, etag))
            Assert.Empty((await JsonAsync(already))["scheduled"]!.AsArray());
        draft = DraftFrom(await JsonAsync(got));
        draft["summary"] = "Een nieuwe samenvatting, later te publiceren.";
        using var saved = await SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, etag);
        using var scheduled = await SendAsync(api, HttpMethod.Post, Guinea + "/schedule", later, saved.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)(await JsonAsync(scheduled))["scheduled"]![0]!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RepeatedFailedTokensFromOneClientAreSlowedDown()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        using var api = Api(await CreateTokenAsync(admin, "admin@example.org", "admin script"));
        using var guesser = Api("portal_00000000_" + new string('A', 43));
        for (var i = 0; i < 10; i++) await ApiResponses.AssertProblemAsync(await guesser.GetAsync(Guinea), HttpStatusCode.Unauthorized);
        using var limited = await guesser.GetAsync(Guinea);
        await ApiResponses.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        // For that minute the client is refused before any lookup, whatever it sends: failures cost no database work.
        await ApiResponses.AssertProblemAsync(await api.GetAsync(Guinea), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task BadValuesAreRefusedAt400WithTheirJsonPathAndNothingIsStored()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        using var api = Api(await CreateTokenAsync(admin, "admin@example.org", "admin script"));
        const string point = "/api/v1/manage/items/support-point/den-haag/nl", safety = "/api/v1/manage/items/safety-assessment/guinea-safety/nl";
        var revisions = await RevisionCountAsync();

        async Task<JsonElement> RefusedAsync(string url, Action<JsonObject> change, string? raw = null)
        {
            using var got = await api.GetAsync(url);
            var draft = DraftFrom(await JsonAsync(got));
            change(draft);
            using var request = new HttpRequestMessage(HttpMethod.Put, url + "/draft") { Content = new StringContent(raw ?? draft.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.IfMatch.Add(got.Headers.ETag!);
            using var response = await api.SendAsync(request);
            return (await ApiResponses.AssertProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        }

        var errors = await RefusedAsync(point, d => d["fields"]!["counsellors"] = JsonNode.Parse("""[{"name":"Jan | de Vries"},{"name":"Ans","email":"not an email"}]"""));
        Assert.Equal("Not an e-mail address.", errors.GetProperty("fields.counsellors[1].email")[0].GetString());
        errors = await RefusedAsync(point, d => d["fields"]!["counsellors"] = null);
        Assert.True(errors.TryGetProperty("fields.counsellors", out _));
        errors = await RefusedAsync(safety, d => d["fields"]!["legal"] = null);
        Assert.True(errors.TryGetProperty("fields.legal", out _));
        foreach (var level in new JsonNode?[] { 3, 99, "extreme" })
        {
            errors = await RefusedAsync(safety, d => d["fields"]!["legal"]!["level"] = level?.DeepClone());
            Assert.True(errors.TryGetProperty("fields.legal.level", out _), level?.ToJsonString());
        }
        errors = await RefusedAsync(safety, d => d["fields"]!["nextReview"] = "2020-01-01");
        Assert.Contains("effective", errors.GetProperty("fields.nextReview")[0].GetString());
        errors = await RefusedAsync(point, d => d["title"] = new string('x', 1_000_000));
        Assert.Contains("200", errors.GetProperty("title")[0].GetString()); // names the limit
        errors = await RefusedAsync(point, d => (d["isMajor"], d["changeNote"]) = (true, "Nieuw\u0001\u0000"));
        Assert.True(errors.TryGetProperty("changeNote", out _));
        errors = await RefusedAsync(point, _ => { }, raw: """{"title":"A","title":"B","summary":"S","body":""}""");
        Assert.True(errors.TryGetProperty("title", out _)); // a key given twice

        Assert.Equal(revisions, await RevisionCountAsync());
        var stored = await api.GetAsync(point);
        Assert.DoesNotContain("de Vries", await stored.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheManagementApiHasItsOwnOpenApiDocument()
    {
        using var client = _app.CreateReaderClient();
        var manage = await client.GetJsonAsync("/openapi/manage.json");
        var paths = manage.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/manage/items/{kind}/{key}/{culture}/draft", paths);
        Assert.Contains("/api/v1/manage/items/{kind}/{key}/{culture}/publish", paths);
        Assert.True(manage.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("token", out _));
        var delivery = await client.GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("/manage", delivery); // the delivery reference at /api stays read-only
    }

    private HttpClient Api(string token)
    {
        var client = _app.CreateReaderClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task AddUserAsync(string email, params string[] roles) => await _app.WithDbAsync(async (_, sp) =>
    {
        var result = await UserCommands.CreateAsync(sp, email, roles[0], EditorSession.Password, "test");
        Assert.True(result.Succeeded);
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var extra in roles.Skip(1)) await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, extra);
        return 0;
    });

    /// <summary>Creates a token on /editor/tokens as the administrator would, and reads it from the one page that shows it.</summary>
    internal static async Task<string> CreateTokenAsync(HttpClient admin, string ownerEmail, string name, string? expires = null)
    {
        var page = await admin.GetDocumentAsync("/editor/tokens");
        var owner = page.QuerySelectorAll("select[name='Input.UserId'] option").Single(o => o.TextContent == ownerEmail).GetAttribute("value");
        var values = new Dictionary<string, string?> { ["Input.UserId"] = owner, ["Input.Name"] = name };
        if (expires is not null) values["Input.Expires"] = expires;
        using var created = await admin.SubmitAsync(page, "#create-token", null, values);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (await Html.GetDocumentAsync(created)).QuerySelector("#token-secret")!.TextContent;
    }

    /// <summary>The PUT body from a GET answer: the current draft (or published) revision's own text and fields.</summary>
    internal static JsonObject DraftFrom(JsonNode text)
    {
        var basis = text["draft"] ?? text["published"];
        return new JsonObject
        {
            ["title"] = (string?)basis?["title"],
            ["summary"] = (string?)basis?["summary"],
            ["body"] = (string?)basis?["body"],
            ["fields"] = basis?["fields"]?.DeepClone(),
        };
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode? body, EntityTagHeaderValue? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.IfMatch.Add(ifMatch);
        return await client.SendAsync(request);
    }

    internal static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private Task<int> RevisionCountAsync() => _app.WithDbAsync((db, _) => db.ContentRevisions.CountAsync());

    public void Dispose() => _app.Dispose();
}
