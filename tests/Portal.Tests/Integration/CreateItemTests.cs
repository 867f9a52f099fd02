using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Tests.Support;
using static Portal.Tests.Integration.ManagementApiTests;

namespace Portal.Tests.Integration;

/// <summary>
/// New items without a developer: created in the workspace or through the management API as a Dutch draft, published
/// under the usual rules; a story only with its consent on record, and gone on its end date.
/// </summary>
// Every provider: items, unique keys and slugs, publications live in the database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class CreateItemTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;

    public CreateItemTests() => _app = new ClockedPortalApplication(_clock);

    [Fact]
    public async Task AnEditorCreatesAPageWhoseSlugComesFromTheTitleAndADuplicateSlugIsRefusedBesideTheField()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reader = _app.CreateReaderClient();
        var dashboard = await editor.GetDocumentAsync("/editor");
        Assert.Equal("/editor/content/new", dashboard.QuerySelector("#new-item")!.GetAttribute("href"));
        var choose = await editor.GetDocumentAsync("/editor/content/new");
        Assert.Equal(4, choose.QuerySelectorAll("#new-kinds a").Length);

        var form = await editor.GetDocumentAsync("/editor/content/new/page");
        using var created = await editor.SubmitAsync(form, "#new-form", "#create", new Dictionary<string, string?>
        {
            ["Form.Title"] = "Werk vinden na terugkeer", ["Form.Summary"] = "Wat je kunt doen.", ["Form.Body"] = "Eerste tekst.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var item = await _app.WithDbAsync((db, _) => db.ContentItems.Include(i => i.Translations).SingleAsync(i => i.Key == "werk-vinden-na-terugkeer"));
        Assert.Equal($"/editor/content/{item.Id}/nl", created.Headers.Location!.OriginalString);
        Assert.Equal(ContentKind.Page, item.Kind);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/nl/werk-vinden-na-terugkeer")).StatusCode); // a draft
        Assert.Contains(await _app.WithDbAsync((db, _) => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == AuditActions.Create);

        form = await editor.GetDocumentAsync($"/editor/content/{item.Id}/nl");
        using var published = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Eerste tekst.", await reader.GetStringAsync("/nl/werk-vinden-na-terugkeer"));
        var en = await reader.GetDocumentAsync("/en/werk-vinden-na-terugkeer");
        Assert.Contains(en.QuerySelectorAll(".notice"), n => n.TextContent.Contains("not been translated"));

        form = await editor.GetDocumentAsync("/editor/content/new/page");
        using var duplicate = await editor.SubmitAsync(form, "#new-form", "#create", new Dictionary<string, string?>
        {
            ["Form.Title"] = "Nog een pagina", ["Form.Slug"] = "werk-vinden-na-terugkeer", ["Form.Summary"] = "S", ["Form.Body"] = "Mijn lange tekst.",
        });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var again = await Html.GetDocumentAsync(duplicate);
        Assert.NotEmpty(again.QuerySelector("span[data-valmsg-for='Form.Slug']")!.TextContent.Trim());
        Assert.Equal("Mijn lange tekst.", again.QuerySelector("textarea[name='Form.Body']")!.TextContent);
        Assert.Equal("Nog een pagina", again.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));

        using var translator = await _app.SignInAsync("translator@example.org", "Translator");
        using var refused = await translator.GetAsync("/editor/content/new/page");
        Assert.Contains("/editor/denied", refused.Headers.Location!.OriginalString); // the workspace's "not allowed" page
    }

    [Fact]
    public async Task ACountryCreatesItsGuideAndItsSafetyAssessmentAtIndividualAndTheAssessmentWaitsForSignOff()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var form = await editor.GetDocumentAsync("/editor/content/new/country-guide");
        Assert.Contains("Nog geen algemene beoordeling", form.QuerySelector("input[name='Safety.LegalSummary']")!.GetAttribute("value"));
        using var created = await editor.SubmitAsync(form, "#new-form", "#create", new Dictionary<string, string?>
        {
            ["Form.Title"] = "Sierra Leone", ["Form.Summary"] = "Algemene informatie.", ["Form.Body"] = "Tekst.", ["Form.Country"] = "SL",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var safety = await _app.WithDbAsync((db, _) => db.ContentTranslations.Include(t => t.DraftRevision).SingleAsync(t => t.Item.Key == "sierra-leone-safety"));
        var fields = Assert.IsType<SafetyFields>(safety.DraftRevision!.Fields);
        Assert.Equal(("SL", "sierra-leone"), (fields.CountryCode, fields.GuideKey));
        Assert.Equal("Veiligheid bij terugkeer naar Sierra Leone", safety.DraftRevision.Title); // the proposed title names the country
        Assert.All(new[] { fields.Legal, fields.Physical, fields.Material }, d => Assert.Equal(SafetyLevel.Individual, d.Level));

        var page = await editor.GetDocumentAsync($"/editor/content/{safety.ContentItemId}/nl");
        using var publish = await editor.SubmitAsync(page, "#edit-form", "button[formaction*='handler=Publish']");
        Assert.Equal(HttpStatusCode.Accepted, publish.StatusCode); // levels put before readers for the first time: a second person signs off
    }

    [Fact]
    public async Task TheManagementApiCreatesAStoryThatIsPublishedOnlyInItsConsentedLanguagesAndDisappearsOnItsEndDate()
    {
        using var admin = await _app.SignInAsync("admin@example.org", "Administrator");
        using var api = _app.CreateReaderClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(admin, "admin@example.org", "script"));
        using var reader = _app.CreateReaderClient();

        var story = JsonNode.Parse("""
            {"title":"Ans keerde terug","summary":"Haar verhaal.","body":"Ans vertelt.","fields":{"$kind":"story","countryCode":"GN","guideKey":"guinea",
             "name":"Ans","age":30,"consent":{"givenBy":"Ans, aan VluchtelingenWerk","recorded":"2026-11-20","covers":{"text":true,"name":true,"photo":false,"languages":["nl"]},
             "expires":"2026-12-03","scope":"Tekst en voornaam"}}}
            """)!;
        using var created = await SendAsync(api, HttpMethod.Post, "/api/v1/manage/items/story", story, null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/manage/items/story/ans-keerde-terug/nl", created.Headers.Location!.OriginalString);
        Assert.Equal("draft", (string)(await JsonAsync(created))["state"]!);

        using var again = await SendAsync(api, HttpMethod.Post, "/api/v1/manage/items/story", story, null);
        var problem = await ApiResponses.AssertProblemAsync(again, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("key", out _));
        var noConsent = story.DeepClone();
        noConsent["key"] = "zonder-toestemming";
        noConsent["fields"]!["consent"]!["givenBy"] = null;
        noConsent["fields"]!["consent"]!["recorded"] = null;
        problem = await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Post, "/api/v1/manage/items/story", noConsent, null), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("fields.consent.recorded", out _));

        const string text = "/api/v1/manage/items/story/ans-keerde-terug";
        using var published = await SendAsync(api, HttpMethod.Post, text + "/nl/publish", null, created.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Contains("Ans vertelt.", await reader.GetStringAsync("/nl/stories/ans-keerde-terug"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/nl/stories/ans-keerde-terug")).StatusCode);
        Assert.Contains("/nl/stories/ans-keerde-terug", await reader.GetStringAsync("/nl/countries/guinea")); // now cached
        Assert.Contains("ans-keerde-terug", await reader.GetStringAsync("/api/v1/en/stories")); // shown to English readers, in Dutch, as not translated

        // Not consented in English: a translation may be saved, never published.
        var draft = new JsonObject { ["title"] = "Ans returned", ["summary"] = "Her story.", ["body"] = "Ans tells." };
        using var en = await SendAsync(api, HttpMethod.Put, text + "/en/draft", draft, new EntityTagHeaderValue("\"v0\""));
        Assert.Equal(HttpStatusCode.OK, en.StatusCode);
        problem = await ApiResponses.AssertProblemAsync(await SendAsync(api, HttpMethod.Post, text + "/en/publish", null, en.Headers.ETag), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("fields.consent.covers.languages", out _));

        var dashboard = await admin.GetDocumentAsync("/editor");
        Assert.Contains("Ans keerde terug", dashboard.QuerySelector("#consent-ending-list")!.TextContent); // ends within 30 days

        // 00:30 on 4 December in Amsterdam: the consent's last day is over.
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero));
        await _app.Services.GetRequiredService<ScheduledPublisher>().RunOnceAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/nl/stories/ans-keerde-terug")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/v1/nl/stories/ans-keerde-terug")).StatusCode);
        Assert.DoesNotContain("ans-keerde-terug", await reader.GetStringAsync("/api/v1/nl/stories"));
        Assert.DoesNotContain("ans-keerde-terug", await reader.GetStringAsync("/nl/countries/guinea"));
    }

    [Fact]
    public async Task AStoryCreatedInTheWorkspaceNeedsItsConsentBesideTheFields()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var form = await editor.GetDocumentAsync("/editor/content/new/story");
        var values = new Dictionary<string, string?>
        {
            ["Form.Title"] = "Fatou keerde terug", ["Form.Summary"] = "Haar verhaal.", ["Form.Body"] = "Fatou vertelt.",
            ["Form.Country"] = "GN", ["Form.Guide"] = "guinea", ["Form.Name"] = "Fatou", ["Form.ConsentScope"] = "Tekst en voornaam.",
        };
        using var refused = await editor.SubmitAsync(form, "#new-form", "#create", values);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await Html.GetDocumentAsync(refused);
        foreach (var field in new[] { "ConsentGivenBy", "ConsentRecorded", "ConsentExpires", "ConsentCoversText" })
            Assert.NotEmpty(again.QuerySelector($"span[data-valmsg-for='Form.{field}']")!.TextContent.Trim());
        Assert.Equal("Fatou vertelt.", again.QuerySelector("textarea[name='Form.Body']")!.TextContent);

        using var created = await editor.SubmitAsync(again, "#new-form", "#create", new Dictionary<string, string?>
        {
            ["Form.ConsentGivenBy"] = "Fatou", ["Form.ConsentDateUnknown"] = "true", ["Form.ConsentCoversText"] = "true", ["Form.ConsentUntilWithdrawn"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var fields = await _app.WithDbAsync((db, _) => db.ContentTranslations.Where(t => t.Item.Key == "fatou-keerde-terug").Select(t => t.DraftRevision!.Fields).SingleAsync());
        var consent = Assert.IsType<StoryFields>(fields).Consent;
        Assert.Equal((null, true, true, "Fatou"), (consent.Recorded, consent.DateUnknown, consent.UntilWithdrawn, consent.GivenBy));
        Assert.Equal(["nl"], consent.Covers!.Languages);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(created.Headers.Location!.OriginalString)).StatusCode);
    }

    [Fact]
    public async Task TheCreateEndpointIsInTheManagementApisDocument()
    {
        using var client = _app.CreateReaderClient();
        var manage = await client.GetJsonAsync("/openapi/manage.json");
        var create = manage.GetProperty("paths").GetProperty("/api/v1/manage/items/{kind}").GetProperty("post");
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
    }

    public void Dispose() => _app.Dispose();
}
