using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Two web nodes (two instances of the real app) on one PostgreSQL database, as behind a load balancer: a publish on one
/// is on the other's next request, an editor's sign-in on one is good on the other, and a scheduled publication happens
/// exactly once however many nodes run the scheduler.
/// </summary>
// PostgreSQL only: the nodes hear each other through LISTEN/NOTIFY; SQLite serves one node.
[Trait(TestDatabase.Trait, TestDatabase.PostgreSqlOnly)]
public sealed class MultiNodeTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _nodeA;
    private readonly ClockedPortalApplication _nodeB;

    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });

    public MultiNodeTests()
    {
        _nodeA = new ClockedPortalApplication(_clock);
        _ = _nodeA.Services; // A migrates and seeds the database first, as the deploy's `migrate` step would
        _nodeB = new ClockedPortalApplication(_clock, _nodeA.ConnectionString);
    }

    public void Dispose()
    {
        _nodeB.Dispose();
        _nodeA.Dispose(); // owns the database
    }

    [PostgreSqlFact]
    public async Task APublishOnOneNodeShowsOnTheOtherNodesNextRequestWithinOneSecond()
    {
        using var readerB = _nodeB.CreateReaderClient();
        Assert.DoesNotContain("Gepubliceerd op node A.", await readerB.GetStringAsync("/nl/privacy")); // now in B's cache
        await _nodeB.Services.GetRequiredService<ReaderCacheListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));

        await _nodeA.WithDbAsync(async (db, sp) =>
        {
            var (text, revision) = await SaveDutchDraftAsync(db, sp, "privacy", "Gepubliceerd op node A.");
            Assert.True((await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(text, revision), Editor)).Succeeded);
            return 0;
        });

        // No scheduler tick runs in tests (Portal:Scheduler:Enabled=false): only the notification can evict B's page.
        var watch = Stopwatch.StartNew();
        string page;
        do page = await readerB.GetStringAsync("/nl/privacy");
        while (!page.Contains("Gepubliceerd op node A.") && watch.Elapsed < TimeSpan.FromSeconds(1));
        Assert.True(page.Contains("Gepubliceerd op node A."), $"node B still served the old page after {watch.ElapsedMilliseconds} ms");
    }

    [PostgreSqlFact]
    public async Task AnEditorSignedInOnOneNodeStaysSignedInOnTheOther()
    {
        await using (var scope = _nodeA.Services.CreateAsyncScope())
            Assert.True((await UserCommands.CreateAsync(scope.ServiceProvider, "editor@example.org", Roles.Editor, EditorSession.Password, "test")).Succeeded);
        var cookies = new System.Net.CookieContainer(); // one browser; the load balancer sends its requests to either node
        using var onA = _nodeA.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onB = _nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));

        using (var signIn = await onA.TrySignInAsync("editor@example.org", EditorSession.Password))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var dashboard = await onB.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode); // not a redirect to the sign-in page: B reads A's cookie
        // The key is in the shared database, not in a folder of this machine that two test nodes would share by accident.
        Assert.NotEqual(0, await _nodeB.WithDbAsync((db, _) => db.DataProtectionKeys.CountAsync()));

        // And a form B rendered (antiforgery token) is accepted by A: sign out through A with B's form.
        var page = await onB.GetDocumentAsync("/editor");
        using var signOut = await onA.SubmitAsync(page, "form[action$='sign-out']");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await onB.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [PostgreSqlFact]
    public async Task AnAccountLockedThroughOneNodeIsRefusedOnTheOtherNodesNextRequest()
    {
        await using (var scope = _nodeA.Services.CreateAsyncScope())
            Assert.True((await UserCommands.CreateAsync(scope.ServiceProvider, "editor@example.org", Roles.Editor, EditorSession.Password, "test")).Succeeded);
        var cookies = new System.Net.CookieContainer();
        using var onA = _nodeA.CreateDefaultClient(new CookieContainerHandler(cookies));
        using (var signIn = await onA.TrySignInAsync("editor@example.org", EditorSession.Password))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(2)); // the cookie is checked when time has passed since it was issued
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/editor")).StatusCode);

        await _nodeB.WithDbAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var locked = await sp.GetRequiredService<AccountChanges>().SetLockedAsync((await users.FindByEmailAsync("editor@example.org"))!, true, "admin@example.org");
            Assert.True(locked.Succeeded, locked.Error);
            return 0;
        });
        _clock.Advance(TimeSpan.FromSeconds(2));
        using var next = await onA.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/editor/sign-in", next.Headers.Location!.OriginalString);
    }

    [PostgreSqlFact]
    public async Task AScheduledPublicationHappensExactlyOnceWhenBothNodesRunTheScheduler()
    {
        string[] keys = ["privacy", "about", "contact", "principles", "partners"];
        var scheduled = new List<int>();
        await _nodeA.WithDbAsync(async (db, sp) =>
        {
            foreach (var key in keys)
            {
                var (text, revision) = await SaveDutchDraftAsync(db, sp, key, "Gepland.");
                Assert.True((await sp.GetRequiredService<Schedule.Handler>().HandleAsync(new(text, revision, _clock.GetUtcNow().AddMinutes(30)), Editor)).Succeeded);
                scheduled.Add(revision);
            }
            return 0;
        });
        _clock.Advance(TimeSpan.FromHours(1));

        var a = _nodeA.Services.GetRequiredService<ScheduledPublisher>();
        var b = _nodeB.Services.GetRequiredService<ScheduledPublisher>();
        var done = 0;
        for (var tick = 0; tick < 3; tick++) // the same ticks on both nodes at once, several times
            done += (await Task.WhenAll(Task.Run(() => a.RunOnceAsync()), Task.Run(() => b.RunOnceAsync()))).Sum();

        Assert.Equal(keys.Length, done);
        var (publications, audits) = await _nodeA.WithDbAsync(async (db, _) => (
            await db.ContentPublications.Where(p => p.RevisionId != null && scheduled.Contains(p.RevisionId.Value)).GroupBy(p => p.RevisionId).Select(g => g.Count()).ToListAsync(),
            await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ScheduledPublish)));
        Assert.Equal(Enumerable.Repeat(1, keys.Length), publications);
        Assert.Equal(keys.Length, audits);
    }

    [PostgreSqlFact]
    public async Task AWebhookEventIsDeliveredOnceWhenBothNodesRunTheDispatcher()
    {
        await using var partner = await WebhookReceiver.StartAsync();
        await _nodeA.WithDbAsync(async (_, sp) => (await sp.GetRequiredService<Webhooks.WebhookCommands>().CreateAsync(
            partner.Url, Webhooks.WebhookEvents.All, [], [], "admin@example.org")).Created!.Endpoint.Id);
        string[] keys = ["privacy", "about", "contact", "principles", "partners"];
        await _nodeA.WithDbAsync(async (db, sp) =>
        {
            foreach (var key in keys)
            {
                var (text, revision) = await SaveDutchDraftAsync(db, sp, key, "Voor de partner.");
                Assert.True((await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(text, revision), Editor)).Succeeded);
            }
            return 0;
        });

        var a = _nodeA.Services.GetRequiredService<Webhooks.WebhookDispatcher>();
        var b = _nodeB.Services.GetRequiredService<Webhooks.WebhookDispatcher>();
        var claimed = 0;
        for (var tick = 0; tick < 3; tick++) // both nodes poll at the same moment, several times
            claimed += (await Task.WhenAll(Task.Run(() => a.RunOnceAsync()), Task.Run(() => b.RunOnceAsync()))).Sum();

        Assert.Equal(keys.Length, claimed);
        Assert.Equal(keys.Length, partner.All.Count);
        Assert.Equal(keys.Length, partner.All.Select(r => r.Headers["X-Portal-Delivery"]).Distinct().Count());
        var attempts = await _nodeB.WithDbAsync((db, _) => db.WebhookDeliveries.Where(d => d.Status == Webhooks.WebhookDeliveryStatus.Delivered).Select(d => d.Attempts).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, keys.Length), attempts);
    }

    /// <summary>Saves a draft of a Dutch page with one more paragraph, as an editor on node A; returns the text's id and the new revision's.</summary>
    private static async Task<(int TranslationId, int RevisionId)> SaveDutchDraftAsync(PortalDbContext db, IServiceProvider sp, string key, string paragraph)
    {
        var t = await db.ContentTranslations.AsNoTracking().Include(x => x.DraftRevision).SingleAsync(x => x.Item.Key == key && x.Culture == "nl");
        var r = t.DraftRevision!;
        var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(
            new(t.ContentItemId, "nl", t.Version, r.Title, r.Summary, r.BodyMarkdown + "\n\n" + paragraph, r.Fields, false, null, null, true), Editor);
        Assert.True(saved.Succeeded, saved.Message);
        return (t.Id, saved.RevisionId!.Value);
    }
}
