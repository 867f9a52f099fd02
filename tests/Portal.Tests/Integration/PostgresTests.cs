using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Content.Import;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The same build on the scale-out store: migrations, seed, import and reader pages on a real PostgreSQL.</summary>
public sealed class PostgresTests : IDisposable
{
    private PostgresApplication? _app;
    private PostgresApplication App => _app ??= new PostgresApplication();

    [PostgresFact]
    public async Task PortalMigratesSeedsAndServesEveryLanguageFromPostgres()
    {
        var provider = await App.WithDbAsync((db, _) => Task.FromResult(db.GetType()));
        Assert.Equal(typeof(PostgresPortalDbContext), provider);
        Assert.Equal(84, await App.WithDbAsync((db, _) => db.ContentRevisions.CountAsync()));

        using var client = App.CreateReaderClient();
        foreach (var culture in ReaderPagesTests.Cultures)
        {
            var doc = await client.GetDocumentAsync($"/{culture}/countries/iraq");
            Assert.Equal(culture, doc.DocumentElement.GetAttribute("lang"));
            Assert.Equal(8, doc.QuerySelectorAll("nav.toc a").Length);
            Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/{culture}/stories/mazan");
        }
        using var safety = await client.GetAsync("/fa/countries/guinea/safety");
        Assert.Equal(HttpStatusCode.OK, safety.StatusCode);
        using var missing = await client.GetAsync("/nl/countries/atlantis");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [PostgresFact]
    public async Task ImportIsIdempotentOnPostgres()
    {
        var result = await App.WithDbAsync(async (db, sp) =>
        {
            var (files, _) = sp.GetRequiredService<ContentValidator>().Validate(RepoPaths.Content);
            return await sp.GetRequiredService<ContentImporter>().ImportAsync(files);
        });
        Assert.Equal(new ImportResult(0, 0, 0, 84), result);
    }

    [PostgresFact]
    public async Task TheManagementApiAndItsTokensWorkOnPostgres()
    {
        using var admin = await App.SignInAsync("admin@example.org", "Administrator");
        var token = await ManagementApiTests.CreateTokenAsync(admin, "admin@example.org", "postgres script", expires: "2099-01-01");
        using var api = App.CreateReaderClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        const string about = "/api/v1/manage/items/page/about/en";

        using var got = await api.GetAsync(about);
        var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
        draft["body"] = "Written by a script on PostgreSQL.";
        using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, about + "/draft", draft, got.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var stale = await ManagementApiTests.SendAsync(api, HttpMethod.Put, about + "/draft", draft, got.Headers.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var scheduled = await ManagementApiTests.SendAsync(api, HttpMethod.Post, about + "/schedule", new System.Text.Json.Nodes.JsonObject { ["at"] = "2099-01-01T09:00:00+01:00" }, saved.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        using var published = await ManagementApiTests.SendAsync(api, HttpMethod.Post, about + "/publish", null, scheduled.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains("Written by a script on PostgreSQL.", await App.CreateReaderClient().GetStringAsync("/en/about"));

        var page = await admin.GetDocumentAsync("/editor/tokens");
        Assert.Contains("postgres script", page.QuerySelector("#tokens")!.TextContent);
        using var revoke = await admin.SubmitAsync(page, "#tokens form");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(about)).StatusCode);
    }

    [PostgresFact]
    public async Task TheDeliveryApiChangeFeedAndAtomFeedsQueryPostgres()
    {
        using var client = App.CreateReaderClient();
        var iraq = await client.GetJsonAsync("/api/v1/fr/countries/iraq");
        Assert.Equal(8, iraq.GetProperty("sections").GetArrayLength());
        Assert.Equal("mazan", Assert.Single(iraq.GetProperty("stories").EnumerateArray()).Str("key"));
        var history = (await client.GetJsonAsync("/api/v1/en/countries/guinea/safety")).GetProperty("history");
        Assert.Equal("First publication on this portal.", Assert.Single(history.EnumerateArray()).Str("note"));
        Assert.Equal(3, (await client.GetJsonAsync("/api/v1/ar/support-points")).GetProperty("items").GetArrayLength());
        AtomFeedTests.AssertValidAtom(await AtomFeedTests.GetFeedAsync(client, "/en/feed.atom"), "en", "/en/feed.atom");
        AtomFeedTests.AssertValidAtom(await AtomFeedTests.GetFeedAsync(client, "/ckb/countries/iraq/feed.atom"), "ckb", "/ckb/countries/iraq/feed.atom");

        var all = await client.GetJsonAsync("/api/v1/changes?limit=500");
        Assert.Equal(84, all.GetProperty("changes").GetArrayLength());
        var about = await App.WithDbAsync((db, _) => db.ContentTranslations
            .Where(t => t.Culture == "fa" && t.Kind == ContentKind.Page && t.Item.Key == "about").Select(t => new { t.Id, t.Version }).SingleAsync());
        await App.WithDbAsync((_, sp) => sp.GetRequiredService<Unpublish.Handler>().HandleAsync(new Unpublish.Command(about.Id, about.Version), new Portal.Accounts.Actor("editor", new HashSet<string> { Portal.Accounts.Roles.Editor })));
        var change = Assert.Single((await client.GetJsonAsync($"/api/v1/changes?since={all.Str("next")}")).GetProperty("changes").EnumerateArray());
        Assert.Equal(("unpublished", "fa", "about"), (change.Str("action"), change.Str("culture"), change.Str("key")));
        Assert.True((await client.GetJsonAsync("/api/v1/fa/pages/about")).GetProperty("language").GetProperty("translationMissing").GetBoolean());
    }

    public void Dispose() => _app?.Dispose();
}
