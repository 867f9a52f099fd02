using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Audit;
using Portal.Tests.Support;
using Portal.Webhooks;

namespace Portal.Tests.Integration;

/// <summary>
/// Webhooks as a partner meets them: an administrator registers an address at /editor/webhooks, a publish through the
/// management API reaches a real HTTP server signed with the secret shown once, a failing partner is retried with
/// backoff and then marked failed, and the administrator sees it in the log and sends it again.
/// </summary>
// Every provider: endpoints and the outbox of deliveries live in the database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class WebhookTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;

    public WebhookTests() => _app = new ClockedPortalApplication(_clock);

    private const string Guinea = "/api/v1/manage/items/country-guide/guinea/nl";

    [Fact]
    public async Task APublishThroughTheManagementApiReachesThePartnerSignedWithTheSecretShownOnce()
    {
        using var app = new PortalApplication { WebhooksEnabled = true }; // the real background loop, on the real clock
        await using var partner = await WebhookReceiver.StartAsync();
        using var admin = await app.SignInAsync("admin@example.org", "Administrator");
        var (id, secret) = await RegisterAsync(admin, partner.Url);
        using var api = app.CreateClient();
        api.UseToken(await app.EditorTokenAsync());

        await PublishGuineaAsync(api, "Nieuw voor de partner.");
        var got = await partner.NextAsync();

        Assert.Equal("POST", got.Headers["method"]);
        Assert.Equal("/hooks/portal", got.Headers["path"]);
        Assert.StartsWith("application/json", got.Headers["Content-Type"]);
        Assert.True(SignatureHolds(got, secret), got.Headers[WebhookSignature.Header]);
        Assert.False(SignatureHolds(got, secret + "x"));
        var t = long.Parse(Signature(got)["t"]);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t, 0, 60);

        var body = JsonNode.Parse(got.Body)!;
        Assert.Equal(got.Headers["X-Portal-Delivery"], (string)body["id"]!);
        Assert.Equal("updated", got.Headers["X-Portal-Event"]);
        // The change feed's own event, field for field.
        Assert.True(JsonNode.DeepEquals(await LastChangeAsync(app.CreateClient()), body["change"]), got.Body);
        Assert.Equal("updated", (string)body["change"]!["action"]!);
        Assert.Equal("guinea", (string)body["change"]!["key"]!);

        // The log says delivered; the secret is never shown again.
        var log = await WaitForStatusAsync(admin, id, "delivered");
        Assert.Equal("delivered", log.QuerySelector("#deliveries tbody tr")!.GetAttribute("data-status"));
        Assert.DoesNotContain(secret, log.Source.Text);
        Assert.DoesNotContain(secret, (await admin.GetDocumentAsync("/editor/webhooks")).Source.Text);
    }

    [Fact]
    public async Task AFailingPartnerIsRetriedWithBackoffForADayThenShownFailedAndCanBeSentAgain()
    {
        await using var partner = await WebhookReceiver.StartAsync();
        partner.Status = HttpStatusCode.InternalServerError;
        var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        var (id, secret) = await RegisterAsync(admin, partner.Url);
        var (englishOnly, _) = await RegisterAsync(admin, partner.Url + "/en", languages: ["en"]);
        using var api = _app.CreateClient();
        api.UseToken(await _app.EditorTokenAsync());
        await PublishGuineaAsync(api, "Nieuw voor de partner.");

        var dispatcher = _app.Services.GetRequiredService<WebhookDispatcher>();
        Assert.Equal(1, await dispatcher.RunOnceAsync()); // a Dutch text: nothing for the English-only endpoint
        var first = await partner.NextAsync();
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.WebhookDeliveries.CountAsync(d => d.EndpointId == englishOnly)));
        var row = await LogRowAsync(admin, id);
        Assert.Equal(("pending", "1", "500"), row);

        Assert.Equal(0, await dispatcher.RunOnceAsync()); // not due yet
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromSeconds(1)); // the first retry after 30 s
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromSeconds(59)); // the second waits twice as long
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        Assert.Equal(("pending", "3", "500"), await LogRowAsync(admin, id));

        _clock.Advance(TimeSpan.FromHours(25)); // past the day of retries: one last attempt, then failed
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        admin.Dispose(); // a day later the administrator signs in again
        admin = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await admin.TrySignInAsync("admin@example.org", EditorSession.Password)).StatusCode);
        Assert.Equal(("failed", "4", "500"), await LogRowAsync(admin, id));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Assert.Equal(4, partner.All.Count);

        // The partner is fixed; the administrator sends it again from the log: the same id and body, signed afresh.
        partner.Status = HttpStatusCode.NoContent;
        var log = await admin.GetDocumentAsync($"/editor/webhooks/{id}");
        using var redeliver = await admin.SubmitAsync(log, "#deliveries tbody tr form");
        Assert.Equal(HttpStatusCode.Redirect, redeliver.StatusCode);
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        var again = partner.All.Last();
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.Headers["X-Portal-Delivery"], again.Headers["X-Portal-Delivery"]);
        Assert.True(SignatureHolds(again, secret));
        Assert.Equal(("delivered", "5", "204"), await LogRowAsync(admin, id));
        Assert.Contains(await AuditActionsAsync(), a => a == AuditActions.WebhookRedelivered);
        admin.Dispose();
    }

    [Fact]
    public async Task DeliveriesArePrunedThirtyDaysAfterTheirLastAttemptWaitingOnesAreKept()
    {
        await using var partner = await WebhookReceiver.StartAsync();
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        var (id, _) = await RegisterAsync(admin, partner.Url);
        using var api = _app.CreateClient();
        api.UseToken(await _app.EditorTokenAsync());
        var dispatcher = _app.Services.GetRequiredService<WebhookDispatcher>();

        await PublishGuineaAsync(api, "Dag 0.");
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        _clock.Advance(TimeSpan.FromDays(20));
        await PublishGuineaAsync(api, "Dag 20.");
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        partner.Status = HttpStatusCode.InternalServerError;
        await PublishGuineaAsync(api, "Dag 20, de partner is stuk.");
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        var start = _clock.GetUtcNow() - TimeSpan.FromDays(20);
        async Task<List<string>> Log() => (await _app.WithDbAsync((db, _) => db.WebhookDeliveries.Where(d => d.EndpointId == id).OrderBy(d => d.Id)
            .Select(d => new { d.Status, d.CreatedAt }).ToListAsync())).Select(d => $"{d.Status} day {(d.CreatedAt - start).Days}").ToList();
        Assert.Equal(["Delivered day 0", "Delivered day 20", "Pending day 20"], await Log());

        _clock.Advance(TimeSpan.FromDays(10)); // day 30: the first is exactly 30 days old
        Assert.Equal(0, await dispatcher.PruneAsync());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatcher.PruneAsync());
        Assert.Equal(["Delivered day 20", "Pending day 20"], await Log());

        _clock.Advance(TimeSpan.FromDays(30)); // a waiting one stays, however old its last attempt
        Assert.Equal(1, await dispatcher.PruneAsync());
        Assert.Equal(["Pending day 20"], await Log());
    }

    [Fact]
    public async Task OnlyHttpsOrThisMachineIsAcceptedAndTheSecretCanBeReplacedTheEndpointTurnedOffAndDeleted()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        // Each refusal says what to change, in its own words (the workspace speaks Dutch unless asked otherwise).
        var messages = new Dictionary<string, string>();
        foreach (var (bad, reason) in new[] { ("http://partner.example/hook", "not-https"), ("ftp://partner.example/hook", "not-https"),
                     ("https://user:pw@partner.example/hook", "credentials"), ("partner.example/hook", "not-an-address"),
                     ("https://partner.example/hook#top", "fragment"), ("https://partner.example/" + new string('a', 500), "too-long") })
        {
            var page = await admin.GetDocumentAsync("/editor/webhooks");
            using var refused = await admin.SubmitAsync(page, "#create-webhook", null, new Dictionary<string, string?> { ["Input.Url"] = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var notice = (await Html.GetDocumentAsync(refused)).QuerySelector("#webhook-invalid")!;
            Assert.True(reason == notice.GetAttribute("data-reason"), $"{bad}: {notice.GetAttribute("data-reason")}");
            messages[reason] = notice.TextContent;
        }
        var noEvents = await admin.GetDocumentAsync("/editor/webhooks");
        foreach (var box in noEvents.QuerySelectorAll<IHtmlInputElement>("#create-webhook input[name='Input.Events']")) box.IsChecked = false;
        using (var refused = await admin.SubmitAsync(noEvents, "#create-webhook", null, new Dictionary<string, string?> { ["Input.Url"] = "https://partner.example/hook" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // every event unticked is not "all"
            messages["no-events"] = (await Html.GetDocumentAsync(refused)).QuerySelector("#webhook-invalid[data-reason='no-events']")!.TextContent;
        }
        Assert.Equal(messages.Count, messages.Values.Distinct().Count());
        Assert.Contains("https://", messages["not-https"]);
        Assert.Contains("gebeurtenis", messages["no-events"]);
        Assert.DoesNotContain(messages.Values, m => m.StartsWith("editor.", StringComparison.Ordinal)); // a key without its text
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.WebhookEndpoints.CountAsync()));

        var (id, secret) = await RegisterAsync(admin, "https://partner.example/hooks/portal");
        Assert.StartsWith("whsec_", secret);
        Assert.True(secret.Length > 40);

        var details = await admin.GetDocumentAsync($"/editor/webhooks/{id}");
        using var rotated = await admin.SubmitAsync(details, "#rotate");
        var newSecret = (await Html.GetDocumentAsync(rotated)).QuerySelector("#webhook-secret")!.TextContent;
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(newSecret, await _app.WithDbAsync((db, _) => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Secret).SingleAsync()));

        using var off = await admin.SubmitAsync(await admin.GetDocumentAsync($"/editor/webhooks/{id}"), "#disable");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        using var api = _app.CreateClient();
        api.UseToken(await _app.EditorTokenAsync());
        await PublishGuineaAsync(api, "Niet voor een uitgezet adres.");
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.WebhookDeliveries.CountAsync()));

        using var deleted = await admin.SubmitAsync(await admin.GetDocumentAsync($"/editor/webhooks/{id}"), "#delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.WebhookEndpoints.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/editor/webhooks/{id}")).StatusCode);
        var audited = await AuditActionsAsync();
        foreach (var action in new[] { AuditActions.WebhookCreated, AuditActions.WebhookSecretRotated, AuditActions.WebhookDisabled, AuditActions.WebhookDeleted })
            Assert.Contains(action, audited);
    }

    [Theory]
    [InlineData("Editor")]
    [InlineData("Translator")]
    public async Task SomeoneWhoIsNotAnAdministratorGets403OnThePagesAndTheirForgedPostsChangeNothing(string role)
    {
        using (var admin = await _app.SignInAsync("admin@example.org", "Administrator"))
            await RegisterAsync(admin, "https://partner.example/hooks/portal");
        var id = await _app.WithDbAsync((db, _) => db.WebhookEndpoints.Select(e => e.Id).SingleAsync());
        using var editor = await _app.SignInAsync("someone@example.org", role);

        foreach (var url in new[] { "/editor/webhooks", $"/editor/webhooks/{id}" })
        {
            using var response = await editor.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/editor/denied", response.Headers.Location!.ToString());
            Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(response.Headers.Location)).StatusCode);
        }

        // A form this person may use (signing out), with its valid antiforgery token, aimed at each handler.
        foreach (var action in new[] { "/editor/webhooks?handler=Create", $"/editor/webhooks/{id}?handler=Rotate", $"/editor/webhooks/{id}?handler=Disable", $"/editor/webhooks/{id}?handler=Delete" })
        {
            var page = await editor.GetDocumentAsync("/editor");
            using var forged = await editor.SubmitAsync(page, "form[action$='sign-out']", page.ForgeButton("form[action$='sign-out']", action));
            Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
            Assert.StartsWith("http://localhost/editor/denied", forged.Headers.Location!.ToString());
        }
        var endpoints = await _app.WithDbAsync((db, _) => db.WebhookEndpoints.AsNoTracking().ToListAsync());
        Assert.True(Assert.Single(endpoints).Enabled);
        Assert.Null(endpoints[0].SecretRotatedAt);
    }

    /// <summary>Registers an endpoint through the real form; returns its id and the secret the answer showed.</summary>
    internal static async Task<(int Id, string Secret)> RegisterAsync(HttpClient admin, string url, string[]? languages = null)
    {
        var page = await admin.GetDocumentAsync("/editor/webhooks");
        foreach (var c in languages ?? []) page.QuerySelector<IHtmlInputElement>($"#create-webhook input[name='Input.Languages'][value='{c}']")!.IsChecked = true;
        using var created = await admin.SubmitAsync(page, "#create-webhook", null, new Dictionary<string, string?> { ["Input.Url"] = url });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var answer = await Html.GetDocumentAsync(created);
        var row = answer.QuerySelectorAll("#webhooks tbody tr").Last();
        return (int.Parse(row.GetAttribute("data-id")!), answer.QuerySelector("#webhook-secret")!.TextContent);
    }

    /// <summary>Saves a draft of the Dutch Guinea guide with one more paragraph and publishes it, as a script would.</summary>
    internal static async Task PublishGuineaAsync(HttpClient api, string paragraph)
    {
        using var got = await api.GetAsync(Guinea);
        var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
        draft["body"] = (string)draft["body"]! + "\n\n" + paragraph;
        using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, Guinea + "/draft", draft, got.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var published = await ManagementApiTests.SendAsync(api, HttpMethod.Post, Guinea + "/publish", null, saved.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    /// <summary>What docs/webhooks.md tells a partner to do: HMAC-SHA256 of "t.body" with the secret, compared in constant time.</summary>
    internal static bool SignatureHolds(WebhookReceiver.Received got, string secret)
    {
        var parts = Signature(got);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(parts["t"] + "." + got.Body));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"]));
    }

    private static Dictionary<string, string> Signature(WebhookReceiver.Received got)
        => got.Headers[WebhookSignature.Header].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private static async Task<JsonNode?> LastChangeAsync(HttpClient reader)
    {
        JsonNode? last = null;
        var url = "/api/v1/changes?limit=500";
        while (true)
        {
            var page = JsonNode.Parse(await reader.GetStringAsync(url))!;
            last = page["changes"]!.AsArray().LastOrDefault() ?? last;
            if (!(bool)page["hasMore"]!) return last;
            url = $"/api/v1/changes?limit=500&since={(string)page["next"]!}";
        }
    }

    private static async Task<(string Status, string Attempts, string LastAnswer)> LogRowAsync(HttpClient admin, int id)
    {
        var row = (await admin.GetDocumentAsync($"/editor/webhooks/{id}")).QuerySelector("#deliveries tbody tr")!;
        return (row.GetAttribute("data-status")!, row.QuerySelector(".attempts")!.TextContent.Trim(), row.QuerySelector(".last-answer")!.TextContent.Trim());
    }

    private static async Task<IHtmlDocument> WaitForStatusAsync(HttpClient admin, int id, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var page = await admin.GetDocumentAsync($"/editor/webhooks/{id}");
            if (page.QuerySelector("#deliveries tbody tr")?.GetAttribute("data-status") == status || DateTime.UtcNow > until) return page;
            await Task.Delay(50);
        }
    }

    private Task<List<string>> AuditActionsAsync() => _app.WithDbAsync((db, _) => db.AuditEntries.Select(a => a.Action).ToListAsync());

    public void Dispose() => _app.Dispose();
}
