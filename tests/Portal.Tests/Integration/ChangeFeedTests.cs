using Portal.Accounts;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: cursors and change ordering come from the database.
/// <summary>/api/v1/changes: a mirror reads everything once, then only what changed after its cursor. Each test gets a fresh app.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ChangeFeedTests : IDisposable
{
    private readonly PortalApplication app = new();
    private readonly ScratchContent content = new();

    [Fact]
    public async Task FromTheStartItListsEverySeedPublicationInPagesLinkedByCursors()
    {
        using var client = app.CreateReaderClient();
        var first = await client.GetJsonAsync("/api/v1/changes?limit=50");
        Assert.Equal(50, first.GetProperty("changes").GetArrayLength());
        Assert.True(first.GetProperty("hasMore").GetBoolean());

        var second = await client.GetJsonAsync($"/api/v1/changes?limit=50&since={first.Str("next")}");
        Assert.Equal(34, second.GetProperty("changes").GetArrayLength());
        Assert.False(second.GetProperty("hasMore").GetBoolean());

        var all = first.GetProperty("changes").EnumerateArray().Concat(second.GetProperty("changes").EnumerateArray()).ToList();
        Assert.All(all, c => Assert.Equal("published", c.Str("action")));
        Assert.All(all, c => Assert.Equal(1, c.GetProperty("revision").GetInt32()));
        Assert.Equal(84, all.Select(c => (c.Str("kind"), c.Str("key"), c.Str("culture"))).Distinct().Count());
        Assert.Contains(all, c => c.Str("kind") == "safety-assessment" && c.Str("culture") == "ar"
            && c.GetProperty("links").Str("self") == "/api/v1/ar/countries/iraq/safety" && c.GetProperty("links").Str("page") == "/ar/countries/iraq/safety");
        Assert.Contains(all, c => c.Str("kind") == "support-point" && c.GetProperty("links").Str("self") == "/api/v1/fr/support-points/leiden");

        // Nothing new: the same cursor comes back, to ask again later.
        var none = await client.GetJsonAsync($"/api/v1/changes?since={second.Str("next")}");
        Assert.Empty(none.GetProperty("changes").EnumerateArray());
        Assert.False(none.GetProperty("hasMore").GetBoolean());
        Assert.Equal(second.Str("next"), none.Str("next"));

        Assert.Equal(Math.Min(ChangeFeed.DefaultLimit, 84), (await client.GetJsonAsync("/api/v1/changes")).GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task AfterACursorItReportsAnUpdateAnUnpublishAndAPublishAndNothingBeforeIt()
    {
        using var client = app.CreateReaderClient();
        var cursor = await LatestCursorAsync(client);
        Assert.Empty((await client.GetJsonAsync($"/api/v1/changes?since={cursor}")).GetProperty("changes").EnumerateArray()); // now cached

        // An editor's change to the Dutch privacy page (a minor update: same 'updated' date).
        content.Edit("pages/privacy.nl.md", t => t + "\n\nNieuwe zin van de redactie.\n");
        await content.ImportAsync(app);

        // The French partners page is withdrawn: French readers get the Dutch text.
        var partners = await app.WithDbAsync((db, _) => db.ContentTranslations
            .Where(t => t.Culture == "fr" && t.Kind == ContentKind.Page && t.Item.Key == "partners").Select(t => new { t.Id, t.Version }).SingleAsync()); // Npgsql cannot read a row value as a ValueTuple
        var (id, version) = (partners.Id, partners.Version);
        var outcome = await app.WithDbAsync((_, sp) => sp.GetRequiredService<Unpublish.Handler>().HandleAsync(new Unpublish.Command(id, version), Editor));
        Assert.Equal(EditOutcome.Ok, outcome.Outcome);
        Assert.Equal("nl", (await client.GetJsonAsync("/api/v1/fr/pages/partners")).GetProperty("language").Str("served"));

        var afterUnpublish = await client.GetJsonAsync($"/api/v1/changes?since={cursor}");
        Assert.Equal(
            [("updated", "page", "privacy", "nl", 2, false), ("unpublished", "page", "partners", "fr", -1, false)],
            Changes(afterUnpublish));
        var unpublished = afterUnpublish.GetProperty("changes")[1];
        Assert.Equal(JsonValueKind.Null, unpublished.GetProperty("revision").ValueKind);
        Assert.Equal("/api/v1/fr/pages/partners", unpublished.GetProperty("links").Str("self"));

        // An import brings the French text back: published again, as a new revision.
        await content.ImportAsync(app);
        Assert.Equal("fr", (await client.GetJsonAsync("/api/v1/fr/pages/partners")).GetProperty("language").Str("served"));
        var changes = await client.GetJsonAsync($"/api/v1/changes?since={cursor}");
        Assert.Equal(
            [("updated", "page", "privacy", "nl", 2, false), ("unpublished", "page", "partners", "fr", -1, false), ("published", "page", "partners", "fr", 2, false)],
            Changes(changes));
        Assert.False(changes.GetProperty("hasMore").GetBoolean());

        // Read on from the middle: only what came after.
        var fromMiddle = await client.GetJsonAsync($"/api/v1/changes?since={afterUnpublish.Str("next")}");
        Assert.Equal([("published", "page", "partners", "fr", 2, false)], Changes(fromMiddle));
        Assert.Equal(changes.Str("next"), fromMiddle.Str("next"));
    }

    [Fact]
    public async Task UnpublishRefusesAStaleVersionAndATextThatIsNotPublished()
    {
        var story = await app.WithDbAsync((db, _) => db.ContentTranslations
            .Where(t => t.Culture == "en" && t.Kind == ContentKind.Story).Select(t => new { t.Id, t.Version }).SingleAsync());
        var (id, version) = (story.Id, story.Version);
        Task<EditResult> Unpublish(int translationId, int expected) => app.WithDbAsync((_, sp) =>
            sp.GetRequiredService<Unpublish.Handler>().HandleAsync(new Unpublish.Command(translationId, expected), Editor));
        Assert.Equal(EditOutcome.Conflict, (await Unpublish(id, version - 1)).Outcome);
        Assert.Equal(EditOutcome.Ok, (await Unpublish(id, version)).Outcome);
        Assert.Equal(EditOutcome.Invalid, (await Unpublish(id, version + 1)).Outcome); // no longer published
        Assert.Equal(EditOutcome.NotFound, (await Unpublish(-1, 0)).Outcome);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.ContentPublications.CountAsync(p => p.Action == PublicationAction.Unpublished)));
    }

    [Theory]
    [InlineData("since=")]
    [InlineData("since=abc")]
    [InlineData("since=AQAAAAAAAAADtP0zaA%3D%3D")]
    [InlineData("since=-1")]
    [InlineData("since=42")]
    [InlineData("since=AQAAAAAAAAAAAAAAAAA")]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=ten")]
    [InlineData("limit=-5")]
    public async Task ABadCursorOrLimitIsA400Problem(string query)
    {
        using var client = app.CreateReaderClient();
        using var response = await client.GetAsync($"/api/v1/changes?{query}");
        var problem = await ApiResponses.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(query.Split('=')[0], problem.Str("parameter"));
    }

    [Fact]
    public async Task ACursorThatWasAlteredOrPointsPastTheLogIsRefused()
    {
        using var client = app.CreateReaderClient();
        var cursor = await LatestCursorAsync(client);

        // One character changed: the check no longer matches.
        var altered = cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A');
        await ApiResponses.AssertProblemAsync(await client.GetAsync($"/api/v1/changes?since={altered}"), HttpStatusCode.BadRequest);

        // Well formed, but no such change was ever made here.
        var future = ChangeFeed.Cursor.Format(1_000_000);
        await ApiResponses.AssertProblemAsync(await client.GetAsync($"/api/v1/changes?since={future}"), HttpStatusCode.BadRequest);
        Assert.True(ChangeFeed.Cursor.TryParse(future, out var decoded));
        Assert.Equal(1_000_000, decoded);
    }

    private static async Task<string> LatestCursorAsync(HttpClient client)
    {
        var page = await client.GetJsonAsync($"/api/v1/changes?limit={ChangeFeed.MaxLimit}");
        Assert.False(page.GetProperty("hasMore").GetBoolean());
        return page.Str("next");
    }

    private static List<(string Action, string Kind, string Key, string Culture, int Revision, bool Major)> Changes(JsonElement page)
        => page.GetProperty("changes").EnumerateArray().Select(c => (
            c.Str("action"), c.Str("kind"), c.Str("key"), c.Str("culture"),
            c.GetProperty("revision").ValueKind == JsonValueKind.Null ? -1 : c.GetProperty("revision").GetInt32(),
            c.GetProperty("major").GetBoolean())).ToList();

    public void Dispose()
    {
        app.Dispose();
        content.Dispose();
    }

    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });
}
