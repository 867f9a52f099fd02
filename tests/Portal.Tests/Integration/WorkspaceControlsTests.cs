using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: roles, revisions and publications live in the database.
/// <summary>Controls by role (hidden, and still refused), and no-ops said as such instead of "published".</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class WorkspaceControlsTests : IDisposable
{
    private readonly PortalApplication _app = new();

    private static string Edit(int itemId, string culture) => $"/editor/content/{itemId}/{culture}";

    private static bool Has(IHtmlDocument page, string handler) => page.QuerySelector($"button[formaction*='handler={handler}']") is not null;

    private Task<(int Revisions, int Publications, int Schedules)> CountsAsync()
        => _app.WithDbAsync(async (db, _) => (await db.ContentRevisions.CountAsync(), await db.ContentPublications.CountAsync(), await db.ScheduledPublications.CountAsync()));

    [Fact]
    public async Task APureSafetyReviewerSeesNoSaveOrPublishAndAForgedPublishIsStillRefused()
    {
        using var reviewer = await _app.SignInAsync("reviewer@example.org", "SafetyReviewer");
        var privacy = await _app.ItemIdAsync("privacy");
        var page = await reviewer.GetDocumentAsync(Edit(privacy, "nl"));
        foreach (var handler in new[] { "Save", "Preview", "Publish", "Schedule", "MarkReviewed", "Unpublish" })
            Assert.False(Has(page, handler), $"a Safety reviewer is offered {handler}");
        Assert.NotNull(page.QuerySelector("#read-only"));
        Assert.Empty((await reviewer.GetDocumentAsync($"{Edit(privacy, "nl")}/revisions")).QuerySelectorAll("button[form^=restore-]"));

        // The same form posted to the Publish handler anyway, with the reviewer's own antiforgery token.
        var before = await CountsAsync();
        var forged = page.ForgeButton("#edit-form", $"{Edit(privacy, "nl")}?handler=Publish");
        using var response = await reviewer.SubmitAsync(page, "#edit-form", forged, new Dictionary<string, string?> { ["Form.Body"] = "Vervalste tekst." });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
        Assert.DoesNotContain("Vervalste tekst.", await _app.CreateReaderClient().GetStringAsync("/nl/privacy"));
    }

    [Fact]
    public async Task ATranslatorIsOfferedNoSaveOnTheSourceButSaveAndPublishOnATranslation()
    {
        using var translator = await _app.SignInAsync("translator@example.org", "Translator");
        var privacy = await _app.ItemIdAsync("privacy");
        var source = await translator.GetDocumentAsync(Edit(privacy, "nl"));
        Assert.False(Has(source, "Save"));
        Assert.False(Has(source, "Publish"));
        var french = await translator.GetDocumentAsync(Edit(privacy, "fr"));
        Assert.True(Has(french, "Save"));
        Assert.True(Has(french, "Publish"));
        Assert.Null(french.QuerySelector("#read-only"));
    }

    [Fact]
    public async Task PublishingSavingOrSchedulingWithNothingChangedSaysSoAndWritesNothing()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var privacy = await _app.ItemIdAsync("privacy");
        var before = await CountsAsync();

        foreach (var (handler, values, said) in new (string, Dictionary<string, string?>, string)[]
        {
            ("Publish", [], "Er is niets veranderd: lezers zien deze versie al, dus er is niets opnieuw gepubliceerd."),
            ("Save", [], "Er is niets veranderd, dus er is geen nieuwe versie opgeslagen."),
            ("Schedule", new() { ["Form.ScheduleAt"] = "2030-01-07T10:00" }, "Er is niets ingepland: lezers zien deze versie al."),
        })
        {
            var page = await editor.GetDocumentAsync(Edit(privacy, "nl"));
            using var response = await editor.SubmitAsync(page, "#edit-form", $"button[formaction*='handler={handler}']", values);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(said, (await editor.GetDocumentAsync(Edit(privacy, "nl"))).QuerySelector(".notice.ok")!.TextContent.Trim());
        }
        Assert.Equal(before, await CountsAsync());

        // A real change is still published, and said so.
        var edit = await editor.GetDocumentAsync(Edit(privacy, "nl"));
        using (var published = await editor.SubmitAsync(edit, "#edit-form", "button[formaction*='handler=Publish']", new Dictionary<string, string?> { ["Form.Summary"] = "Nieuwe samenvatting." }))
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("Gepubliceerd. Lezers zien het nu.", (await editor.GetDocumentAsync(Edit(privacy, "nl"))).QuerySelector(".notice.ok")!.TextContent.Trim());
    }

    [Fact]
    public async Task AMajorUpdateThatChangesNothingIsRefusedWithTheReasonAndTheNoteKept()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var privacy = await _app.ItemIdAsync("privacy");
        var before = await CountsAsync();
        var page = await editor.GetDocumentAsync(Edit(privacy, "nl"));
        using var response = await editor.SubmitAsync(page, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.IsMajor"] = "true", ["Form.ChangeNote"] = "Alles herzien." });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var again = await Html.GetDocumentAsync(response);
        Assert.Contains("geen grote wijziging om aan te kondigen", again.QuerySelector("#edit-error")!.TextContent);
        Assert.Equal("Alles herzien.", again.QuerySelector("textarea[name='Form.ChangeNote']")!.TextContent.Trim());
        Assert.Equal(before, await CountsAsync());
    }

    public void Dispose() => _app.Dispose();
}
