using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Audit;
using Portal.Content.Editing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the moment a safety level changes, end to end, through the real forms.
/// <summary>
/// A situation change: an editor raises Iraq's physical-safety level, another Safety reviewer signs it off with the
/// change in front of them, and every language's reader pages, the API and the feeds show the new level at once.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class SafetyChangeTests : IDisposable
{
    private const string Note = "Fysieke veiligheid: hoog risico op de reis.";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;

    public SafetyChangeTests() => _app = new ClockedPortalApplication(_clock);

    private IReadOnlyList<string> Cultures => _app.Services.GetRequiredService<PortalOptions>().Cultures;
    private string Source => _app.Services.GetRequiredService<PortalOptions>().SourceCulture;

    [Fact]
    public async Task ARaisedLevelApprovedByASecondReviewerReachesEveryLanguageAtOnce()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor", "SafetyReviewer");
        using var reviewer = await _app.SignInAsync("reviewer@example.org", "SafetyReviewer");
        using var reader = _app.CreateReaderClient();
        var safety = await _app.ItemIdAsync("iraq-safety");
        foreach (var c in Cultures) await ReadEverythingAsync(reader, c); // every answer now sits in the cache

        // The editor raises the level with a major change note, leaving the effective date as it was.
        var form = await editor.GetDocumentAsync($"/editor/content/{safety}/nl");
        using var attempt = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.PhysicalLevel"] = "High", ["Form.IsMajor"] = "true", ["Form.ChangeNote"] = Note });
        Assert.Equal(HttpStatusCode.Accepted, attempt.StatusCode);
        foreach (var c in Cultures) Assert.DoesNotContain("level-high", await reader.GetStringAsync($"/{c}/countries/iraq/safety"));
        var pending = await DraftIdAsync(safety, "nl");
        var item = await editor.GetDocumentAsync($"/editor/content/{safety}/nl");
        Assert.NotNull(item.QuerySelector("#effective-unchanged")); // the editor is prompted about the unchanged date

        // The author holds the reviewer role too, but cannot approve their own change.
        var own = await editor.GetDocumentAsync($"/editor/review/{pending}");
        Assert.Null(own.QuerySelector("#approve-form"));

        // The other reviewer finds it on the dashboard and sees old -> new levels in words, the note and the date warning.
        var dashboard = await reviewer.GetDocumentAsync("/editor");
        Assert.Contains(dashboard.QuerySelectorAll("#signoff ~ ul a, section a"), a => a.GetAttribute("href") == $"/editor/review/{pending}");
        var review = await reviewer.GetDocumentAsync($"/editor/review/{pending}");
        var physical = review.QuerySelector("#review-levels tr[data-dimension='physical']")!;
        Assert.Equal("changed", physical.ClassName);
        var nl = Locale("nl");
        Assert.Equal(nl["safety.level.individual"], physical.Children[1].TextContent.Trim());
        Assert.Equal(nl["safety.level.high"], physical.Children[2].TextContent.Trim());
        Assert.False(review.QuerySelector("#review-levels tr[data-dimension='legal']")!.ClassList.Contains("changed"));
        Assert.Contains(Note, review.QuerySelector("#review-note")!.TextContent);
        Assert.NotNull(review.QuerySelector("#effective-warning"));
        var levelDiff = review.QuerySelectorAll("#review-diff .diff").Single(); // only the level changed
        static string Words(string s) => string.Concat(s.Where(ch => !char.IsWhiteSpace(ch)));
        Assert.Equal(Words(nl["safety.level.high"]), Words(string.Concat(levelDiff.QuerySelectorAll("ins").Select(i => i.TextContent))));
        Assert.Equal(Words(nl["safety.level.individual"]), Words(string.Concat(levelDiff.QuerySelectorAll("del").Select(i => i.TextContent))));
        Assert.Equal("editor@example.org", review.QuerySelector("#review-author")!.TextContent);

        using var approved = await reviewer.SubmitAsync(review, "#approve-form", null, new Dictionary<string, string?> { ["Comment"] = "Twee bronnen bevestigen het." });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        // The next request, in every language: the new level; translations say their wording is being updated.
        foreach (var c in Cultures)
        {
            var page = await reader.GetDocumentAsync($"/{c}/countries/iraq/safety");
            var dimension = page.QuerySelector("section.dimension[aria-labelledby='dim-physical']")!;
            Assert.Contains("level-high", dimension.ClassName);
            var wording = dimension.QuerySelector("div")!;
            var legal = page.QuerySelector("section.dimension[aria-labelledby='dim-legal'] div")!;
            if (c == Source)
            {
                Assert.Null(wording.GetAttribute("lang"));
                Assert.Null(dimension.QuerySelector(".notice"));
            }
            else
            {
                Assert.Equal(("nl", "ltr"), (wording.GetAttribute("lang"), wording.GetAttribute("dir"))); // the current Dutch explanation
                Assert.Equal(Locale(c)["safety.wording-pending"], dimension.QuerySelector(".notice")!.TextContent);
                Assert.Null(legal.GetAttribute("lang")); // an unchanged dimension keeps its translation
            }
            Assert.Contains(page.QuerySelectorAll("ol.history li"), li => li.TextContent.Contains(Note));

            var guide = await reader.GetDocumentAsync($"/{c}/countries/iraq");
            Assert.NotNull(guide.QuerySelector("dl .dimension.level-high"));
            var latest = guide.QuerySelector("#latest-update")!;
            Assert.Contains(Note, latest.TextContent);
            Assert.Equal(c == Source ? null : "nl", latest.QuerySelector(".note")!.GetAttribute("lang"));

            var api = await reader.GetJsonAsync($"/api/v1/{c}/countries/iraq/safety");
            Assert.Equal("high", api.GetProperty("physical").Str("level"));
            Assert.Equal(c == Source ? c : "nl", api.GetProperty("physical").Str("language"));
            Assert.Equal(c != Source, api.GetProperty("physical").GetProperty("translationPending").GetBoolean());
            Assert.Equal(c, api.GetProperty("legal").Str("language"));
            var country = await reader.GetJsonAsync($"/api/v1/{c}/countries/iraq");
            Assert.Equal("high", country.GetProperty("safety").GetProperty("physical").Str("level"));
            Assert.Equal(Note, country.GetProperty("latestUpdate").Str("note"));

            var feed = XDocument.Parse(await reader.GetStringAsync($"/{c}/countries/iraq/feed.atom"));
            XNamespace atom = "http://www.w3.org/2005/Atom";
            var entry = feed.Descendants(atom + "entry").First(e => e.Element(atom + "content")!.Value == Note);
            Assert.Contains(Locale(c)["safety.level.high"], entry.Element(atom + "summary")!.Value);
        }

        var decision = await _app.WithDbAsync((db, _) => db.SafetyReviews.SingleAsync());
        Assert.Equal((pending, "reviewer@example.org", SafetyDecision.Approved, "Twee bronnen bevestigen het."),
            (decision.RevisionId, decision.ReviewedBy, decision.Decision, decision.Comment));
        Assert.Contains(await AuditAsync(), a => a.Action == AuditActions.Approve && (a.Details ?? "").Contains("Twee bronnen"));
    }

    [Fact]
    public async Task ATranslatorCatchingUpNeedsNoSecondApprovalAndTheTranslatedWordingReturns()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reviewer = await _app.SignInAsync("reviewer@example.org", "SafetyReviewer");
        using var translator = await _app.SignInAsync("translator@example.org", "Translator");
        using var reader = _app.CreateReaderClient();
        var safety = await _app.ItemIdAsync("iraq-safety");
        await RaiseAndApproveAsync(editor, reviewer, safety);

        var form = await translator.GetDocumentAsync($"/editor/content/{safety}/ar");
        Assert.Equal(Note, form.QuerySelector("#source-change-note q")!.TextContent); // the note to translate
        Assert.Equal("High", ((AngleSharp.Html.Dom.IHtmlSelectElement)form.QuerySelector("#Form_PhysicalLevel")!).Value); // the current level, read-only
        Assert.Contains(Locale("nl")["safety.level.high"], form.QuerySelector("#source-field-diff")!.TextContent); // what changed in the source
        using var published = await translator.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']", new Dictionary<string, string?>
        {
            ["Form.PhysicalSummary"] = "خطر مرتفع أثناء رحلة العودة.",
            ["Form.ChangeNote"] = "الأمان الجسدي: خطر مرتفع أثناء الرحلة.",
        });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode); // not 202: a translation changes no level
        var dashboard = await reviewer.GetDocumentAsync("/editor");
        Assert.DoesNotContain(dashboard.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("/editor/review/", StringComparison.Ordinal));

        var page = await reader.GetDocumentAsync("/ar/countries/iraq/safety");
        var physical = page.QuerySelector("section.dimension[aria-labelledby='dim-physical']")!;
        Assert.Contains("level-high", physical.ClassName);
        Assert.Null(physical.QuerySelector("div")!.GetAttribute("lang"));
        Assert.Contains("خطر مرتفع أثناء رحلة العودة.", physical.TextContent);
        var history = page.QuerySelectorAll("ol.history li").Select(li => li.TextContent).ToList();
        Assert.Contains(history, h => h.Contains("الأمان الجسدي: خطر مرتفع أثناء الرحلة."));
        var guide = await reader.GetDocumentAsync("/ar/countries/iraq");
        Assert.Contains("الأمان الجسدي", guide.QuerySelector("#latest-update")!.TextContent);
        Assert.Null(guide.QuerySelector("#latest-update .note")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task ASentBackChangeTellsTheAuthorWhyAndPublishesNothing()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reviewer = await _app.SignInAsync("reviewer@example.org", "SafetyReviewer");
        using var reader = _app.CreateReaderClient();
        var safety = await _app.ItemIdAsync("iraq-safety");
        await RaiseAsync(editor, safety);
        var pending = await DraftIdAsync(safety, "nl");

        var review = await reviewer.GetDocumentAsync($"/editor/review/{pending}");
        using var noReason = await reviewer.SubmitAsync(review, "#send-back-form", null, new Dictionary<string, string?> { ["Reason"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await Html.GetDocumentAsync(noReason)).QuerySelector("#review-error"));
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.SafetyReviews.CountAsync()));

        using var sentBack = await reviewer.SubmitAsync(review, "#send-back-form", null, new Dictionary<string, string?> { ["Reason"] = "De bron voor deze wijziging ontbreekt." });
        Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        Assert.DoesNotContain("level-high", await reader.GetStringAsync("/en/countries/iraq/safety"));

        var dashboard = await editor.GetDocumentAsync("/editor");
        Assert.Contains("De bron voor deze wijziging ontbreekt.", dashboard.QuerySelector("#sentback")!.ParentElement!.TextContent);
        var item = await editor.GetDocumentAsync($"/editor/content/{safety}/nl");
        Assert.Contains("De bron voor deze wijziging ontbreekt.", item.QuerySelector("#sent-back")!.TextContent);
        Assert.Contains(await AuditAsync(), a => a.Action == AuditActions.SendBack && a.Actor == "reviewer@example.org");

        // Deciding again on the returned revision is a conflict and changes nothing.
        using var late = await reviewer.SubmitAsync(review, "#approve-form");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.DoesNotContain("level-high", await reader.GetStringAsync("/nl/countries/iraq/safety"));
    }

    [Fact]
    public async Task AReviewOfARevisionThatIsNoLongerPendingIsAConflict()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reviewer = await _app.SignInAsync("reviewer@example.org", "SafetyReviewer");
        using var reader = _app.CreateReaderClient();
        var safety = await _app.ItemIdAsync("iraq-safety");
        await RaiseAsync(editor, safety);
        var first = await DraftIdAsync(safety, "nl");
        var review = await reviewer.GetDocumentAsync($"/editor/review/{first}"); // opened before the author saves again

        var form = await editor.GetDocumentAsync($"/editor/content/{safety}/nl");
        using var again = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']",
            new Dictionary<string, string?> { ["Form.MaterialLevel"] = "Elevated" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        using var stale = await reviewer.SubmitAsync(review, "#approve-form");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("wacht niet meer", (await Html.GetDocumentAsync(stale)).QuerySelector("#review-error")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync((db, _) => db.SafetyReviews.CountAsync()));
        Assert.DoesNotContain("level-high", await reader.GetStringAsync("/nl/countries/iraq/safety"));
    }

    [Fact]
    public async Task ALevelWrittenInATranslationFileIsNotWhatItsReadersGet()
    {
        // A hand-edited English file that says "high" where the Dutch source says "individual": the source wins.
        var folder = RepoPaths.CopyContent();
        try
        {
            var en = Path.Combine(folder, "safety", "iraq-safety.en.md");
            var text = File.ReadAllText(en);
            var physical = text.IndexOf("physical:", StringComparison.Ordinal);
            File.WriteAllText(en, text[..physical] + text[physical..].Replace("level: individual", "level: high").Replace("effective: 2026-11-28", "effective: 2026-12-31"));
            Assert.Contains("level: high", File.ReadAllText(en));

            using var app = new ContentFolderApplication(folder);
            using var reader = app.CreateReaderClient();
            var api = await reader.GetJsonAsync("/api/v1/en/countries/iraq/safety");
            Assert.Equal("individual", api.GetProperty("physical").Str("level"));
            Assert.Equal("2026-11-28", api.Str("effective"));
            var page = await reader.GetStringAsync("/en/countries/iraq/safety");
            Assert.DoesNotContain("level-high", page);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RaiseAsync(HttpClient editor, int safety)
    {
        var form = await editor.GetDocumentAsync($"/editor/content/{safety}/nl");
        using var attempt = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.PhysicalLevel"] = "High", ["Form.IsMajor"] = "true", ["Form.ChangeNote"] = Note });
        Assert.Equal(HttpStatusCode.Accepted, attempt.StatusCode);
    }

    private async Task RaiseAndApproveAsync(HttpClient editor, HttpClient reviewer, int safety)
    {
        await RaiseAsync(editor, safety);
        var review = await reviewer.GetDocumentAsync($"/editor/review/{await DraftIdAsync(safety, "nl")}");
        using var approved = await reviewer.SubmitAsync(review, "#approve-form");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
    }

    private static async Task ReadEverythingAsync(HttpClient reader, string culture)
    {
        foreach (var url in new[] { $"/{culture}/countries/iraq", $"/{culture}/countries/iraq/safety", $"/api/v1/{culture}/countries/iraq",
                     $"/api/v1/{culture}/countries/iraq/safety", $"/{culture}/countries/iraq/feed.atom" })
        {
            using var response = await reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private Task<int> DraftIdAsync(int itemId, string culture)
        => _app.WithDbAsync((db, _) => db.ContentTranslations.Where(t => t.ContentItemId == itemId && t.Culture == culture).Select(t => t.DraftRevisionId!.Value).SingleAsync());

    private Task<List<AuditEntry>> AuditAsync() => _app.WithDbAsync((db, _) => db.AuditEntries.ToListAsync());

    private static Dictionary<string, string> Locale(string culture)
        => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoPaths.Locales, culture + ".json")))!;

    public void Dispose() => _app.Dispose();
}
