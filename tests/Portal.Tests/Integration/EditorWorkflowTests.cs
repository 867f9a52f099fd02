using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Audit;
using Portal.Content.Editing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: drafts, concurrency tokens, schedules and a restart on the same database.
/// <summary>The editor's journeys over HTTP, submitting the real forms with their antiforgery tokens.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class EditorWorkflowTests : IDisposable
{
    // Three days after the seed's dates, so that a major update's date is visibly new. Tests move it by hours only:
    // the sign-in cookie (8 h) lives on the same clock.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;

    public EditorWorkflowTests() => _app = new ClockedPortalApplication(_clock);

    private static string Edit(int itemId, string culture) => $"/editor/content/{itemId}/{culture}";

    [Fact]
    public async Task SignInEditPreviewPublishAndTheReaderPageShowsItOnTheNextRequest()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reader = _app.CreateReaderClient();
        var guinea = await _app.ItemIdAsync("guinea");
        Assert.DoesNotContain("Nieuwe informatie van vandaag.", await reader.GetStringAsync("/nl/countries/guinea")); // now cached

        var form = await editor.GetDocumentAsync(Edit(guinea, "nl"));
        var body = form.QuerySelector("textarea[name='Form.Body']")!.TextContent + "\n\nNieuwe informatie van vandaag.";
        using var preview = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Preview']", new Dictionary<string, string?> { ["Form.Body"] = body });
        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        var previewPage = await editor.GetDocumentAsync(preview.Headers.Location!.OriginalString);
        Assert.Contains("Nieuwe informatie van vandaag.", previewPage.QuerySelector(".body")!.TextContent);
        Assert.Equal("nl", previewPage.DocumentElement.GetAttribute("lang"));
        Assert.DoesNotContain("Nieuwe informatie van vandaag.", await reader.GetStringAsync("/nl/countries/guinea")); // a draft is not public

        using var anonymousPreview = await _app.CreateReaderClient().GetAsync(preview.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, anonymousPreview.StatusCode); // private: sign-in required

        form = await editor.GetDocumentAsync(Edit(guinea, "nl"));
        using var published = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Nieuwe informatie van vandaag.", await reader.GetStringAsync("/nl/countries/guinea"));

        var actions = await AuditAsync();
        Assert.Contains((AuditActions.SignIn, "editor@example.org"), actions);
        Assert.Contains((AuditActions.SaveDraft, "editor@example.org"), actions);
        Assert.Contains((AuditActions.Publish, "editor@example.org"), actions);
    }

    [Fact]
    public async Task AMajorUpdateNeedsAChangeNoteShowsItInTheHistoryAndMarksTranslationsOutdated()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reader = _app.CreateReaderClient();
        var safety = await _app.ItemIdAsync("guinea-safety");

        var form = await editor.GetDocumentAsync(Edit(safety, "nl"));
        using var refused = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.IsMajor"] = "true", ["Form.LegalExplanation"] = "Nieuwe uitleg." });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await Html.GetDocumentAsync(refused);
        Assert.NotEmpty(again.QuerySelector("#edit-error")!.TextContent);
        Assert.NotEmpty(again.QuerySelector("span[data-valmsg-for='Form.ChangeNote']")!.TextContent.Trim()); // the message beside the field
        Assert.Equal("Nieuwe uitleg.", again.QuerySelector("textarea[name='Form.LegalExplanation']")!.TextContent); // nothing the editor typed is lost

        using var ok = await editor.SubmitAsync(again, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.ChangeNote"] = "Uitleg over juridische veiligheid aangevuld." });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var history = await reader.GetDocumentAsync("/nl/countries/guinea/safety");
        Assert.Contains(history.QuerySelectorAll("ol.history li"), li => li.TextContent.Contains("Uitleg over juridische veiligheid aangevuld.") && li.QuerySelector("time")!.GetAttribute("datetime") == "2026-12-01");
        var en = await reader.GetDocumentAsync("/en/countries/guinea/safety");
        Assert.Contains(en.QuerySelectorAll(".notice time"), t => t.GetAttribute("datetime") == "2026-12-01"); // translation now outdated
        Assert.Contains(en.QuerySelectorAll("ol.history li span[lang=nl]"), s => s.TextContent.Contains("aangevuld")); // untranslated note, marked Dutch
    }

    [Fact]
    public async Task AMinorUpdateAndMarkAsReviewedKeepTranslationsCurrent()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reader = _app.CreateReaderClient();
        var guinea = await _app.ItemIdAsync("guinea");

        var form = await editor.GetDocumentAsync(Edit(guinea, "nl"));
        using var minor = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.Summary"] = form.QuerySelector("textarea[name='Form.Summary']")!.TextContent + " (typo hersteld)" });
        Assert.Equal(HttpStatusCode.Redirect, minor.StatusCode);
        form = await editor.GetDocumentAsync(Edit(guinea, "nl"));
        using var reviewed = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=MarkReviewed']");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        var nl = await reader.GetDocumentAsync("/nl/countries/guinea");
        var dates = nl.QuerySelectorAll(".dates time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Equal(["2026-12-01", "2026-11-28"], dates); // reviewed moved, "updated" kept
        var en = await reader.GetDocumentAsync("/en/countries/guinea");
        Assert.DoesNotContain(en.QuerySelectorAll(".notice"), n => n.TextContent.Contains("changed"));
        Assert.Contains((AuditActions.MarkReviewed, "editor@example.org"), await AuditAsync());
    }

    [Fact]
    public async Task ASafetyLevelChangeByAnEditorStaysUnpublishedUntilADifferentSafetyReviewerApproves()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor", "SafetyReviewer");
        using var reviewer = await _app.SignInAsync("reviewer@example.org", "SafetyReviewer");
        using var reader = _app.CreateReaderClient();
        var safety = await _app.ItemIdAsync("iraq-safety");

        var form = await editor.GetDocumentAsync(Edit(safety, "nl"));
        using var attempt = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']",
            new Dictionary<string, string?> { ["Form.PhysicalLevel"] = "High", ["Form.IsMajor"] = "true", ["Form.ChangeNote"] = "Fysieke veiligheid: hoog risico." });
        Assert.Equal(HttpStatusCode.Accepted, attempt.StatusCode);
        Assert.Contains("veiligheidsbeoordelaar", (await Html.GetDocumentAsync(attempt)).QuerySelector("#edit-error")!.TextContent);
        Assert.DoesNotContain("level-high", await reader.GetStringAsync("/nl/countries/iraq"));

        // The author may hold the reviewer role too: approving one's own change is still refused.
        var draftId = await _app.WithDbAsync((db, _) => db.ContentTranslations.Where(t => t.ContentItemId == safety && t.Culture == "nl").Select(t => t.DraftRevisionId!.Value).SingleAsync());
        var own = await editor.GetDocumentAsync($"/editor/review/{draftId}");
        Assert.Null(own.QuerySelector("#approve-form"));
        var reviewerPage = await reviewer.GetDocumentAsync($"/editor/review/{draftId}");
        using var forged = await editor.SubmitAsync(reviewerPage, "#approve-form"); // the reviewer's form, posted by the author: token and rule both refuse
        Assert.True(forged.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, forged.StatusCode.ToString());
        Assert.DoesNotContain("level-high", await reader.GetStringAsync("/nl/countries/iraq"));

        using var approved = await reviewer.SubmitAsync(reviewerPage, "#approve-form");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("level-high", await reader.GetStringAsync("/nl/countries/iraq"));

        var approval = await _app.WithDbAsync((db, _) => db.SafetyReviews.SingleAsync());
        Assert.Equal((draftId, "reviewer@example.org", SafetyDecision.Approved), (approval.RevisionId, approval.ReviewedBy, approval.Decision));
        Assert.Contains((AuditActions.Approve, "reviewer@example.org"), await AuditAsync());
    }

    [Fact]
    public async Task AConcurrentSaveIsRefusedAndTheLosersTextSurvivesBesideTheNewerVersion()
    {
        using var alice = await _app.SignInAsync("alice@example.org", "Editor");
        using var bob = await _app.SignInAsync("bob@example.org", "Editor");
        var about = await _app.ItemIdAsync("about");

        var aliceForm = await alice.GetDocumentAsync(Edit(about, "nl"));
        var bobForm = await bob.GetDocumentAsync(Edit(about, "nl"));
        using var first = await alice.SubmitAsync(aliceForm, "#edit-form", "button[formaction*='handler=Save']", new Dictionary<string, string?> { ["Form.Body"] = "Tekst van Alice." });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var second = await bob.SubmitAsync(bobForm, "#edit-form", "button[formaction*='handler=Save']", new Dictionary<string, string?> { ["Form.Body"] = "Tekst van Bob." });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await Html.GetDocumentAsync(second);
        Assert.Equal("Tekst van Bob.", page.QuerySelector("textarea[name='Form.Body']")!.TextContent);
        Assert.Equal("Tekst van Alice.", page.QuerySelector("#newer-body")!.TextContent);
        Assert.NotNull(page.QuerySelector("#edit-error"));

        var drafts = await _app.WithDbAsync((db, _) => db.ContentRevisions.Where(r => r.Translation.ContentItemId == about && r.Translation.Culture == "nl").Select(r => r.BodyMarkdown).ToListAsync());
        Assert.Contains("Tekst van Alice.", drafts);
        Assert.DoesNotContain("Tekst van Bob.", drafts);

        using var deliberate = await bob.SubmitAsync(page, "#edit-form", "button[formaction*='handler=Save']"); // having read Alice's text
        Assert.Equal(HttpStatusCode.Redirect, deliberate.StatusCode);
    }

    [Fact]
    public async Task ATranslatorTranslatesBesideTheSourceButCannotEditOrPublishTheSource()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var translator = await _app.SignInAsync("translator@example.org", "Translator");
        using var reader = _app.CreateReaderClient();
        var options = await _app.ItemIdAsync("options");

        // The source's page offers a translator no Save, Publish or Unpublish; posted anyway, each is refused.
        var source = await translator.GetDocumentAsync(Edit(options, "nl"));
        Assert.Null(source.QuerySelector("button[formaction*='handler=Save']"));
        using var save = await translator.SubmitAsync(source, "#edit-form", source.ForgeButton("#edit-form", Edit(options, "nl") + "?handler=Save"), new Dictionary<string, string?> { ["Form.Title"] = "Gekaapt" });
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        using var publish = await translator.SubmitAsync(source, "#edit-form", source.ForgeButton("#edit-form", Edit(options, "nl") + "?handler=Publish"));
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        using var unpublish = await translator.SubmitAsync(source, "#edit-form", source.ForgeButton("#edit-form", Edit(options, "nl") + "?handler=Unpublish"));
        Assert.Equal(HttpStatusCode.Forbidden, unpublish.StatusCode);

        // The editor makes a major change; the English translation is outdated and its editor shows what changed.
        var nlForm = await editor.GetDocumentAsync(Edit(options, "nl"));
        await editor.SubmitAsync(nlForm, "#edit-form", "button[formaction*='handler=Publish']", new Dictionary<string, string?>
        {
            ["Form.Body"] = nlForm.QuerySelector("textarea[name='Form.Body']")!.TextContent + "\n\nEen nieuwe mogelijkheid.",
            ["Form.IsMajor"] = "true", ["Form.ChangeNote"] = "Nieuwe mogelijkheid beschreven.",
        });
        Assert.Contains(await reader.GetDocumentAsync("/en/options").ContinueWith(t => t.Result.QuerySelectorAll(".notice time")), t => t.GetAttribute("datetime") == "2026-12-01");

        var en = await translator.GetDocumentAsync(Edit(options, "en"));
        Assert.Contains(en.QuerySelectorAll("#source-diff ins"), i => i.TextContent.Contains("nieuwe mogelijkheid"));
        Assert.DoesNotContain(en.QuerySelectorAll("#source-diff del"), d => d.TextContent.Trim().Length > 0); // only the addition, no noise
        Assert.Contains("Een nieuwe mogelijkheid.", en.QuerySelector("#source-body")!.TextContent);
        using var translated = await translator.SubmitAsync(en, "#edit-form", "button[formaction*='handler=Publish']", new Dictionary<string, string?>
        {
            ["Form.Body"] = en.QuerySelector("textarea[name='Form.Body']")!.TextContent + "\n\nA new option.",
            ["Form.IsMajor"] = "true", ["Form.ChangeNote"] = "New option described.", ["Form.HumanReviewed"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, translated.StatusCode);

        var page = await reader.GetDocumentAsync("/en/options");
        Assert.Empty(page.QuerySelectorAll(".notice")); // current, and reviewed by a human translator
        Assert.Contains("A new option.", page.QuerySelector(".body")!.TextContent);
    }

    [Fact]
    public async Task ScheduledRevisionIsPublishedWhenDueAndAScheduleSurvivesARestart()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reader = _app.CreateReaderClient();
        var privacy = await _app.ItemIdAsync("privacy");

        var form = await editor.GetDocumentAsync(Edit(privacy, "nl"));
        using var scheduled = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Schedule']", new Dictionary<string, string?>
        {
            ["Form.Body"] = "Geplande privacytekst.", ["Form.ScheduleAt"] = "2026-12-01T14:00", // Amsterdam time = 13:00 UTC
        });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var dashboard = await editor.GetDocumentAsync("/editor");
        Assert.Contains(dashboard.QuerySelectorAll("#scheduled ~ ul li"), li => li.TextContent.Contains("1 december 2026, 14:00 (CET)"));

        // A new app instance on the same database: the schedule lives in the database, not in memory.
        using var restarted = new ClockedPortalApplication(_clock, _app.ConnectionString);
        var publisher = restarted.Services.GetRequiredService<ScheduledPublisher>();
        _clock.Advance(TimeSpan.FromHours(3)); // 12:00 UTC: not yet due
        Assert.Equal(0, await publisher.RunOnceAsync());
        Assert.DoesNotContain("Geplande privacytekst.", await reader.GetStringAsync("/nl/privacy"));

        var firstNode = _app.Services.GetRequiredService<ScheduledPublisher>();
        await firstNode.RunOnceAsync(); // this node notes the latest publication it has seen

        _clock.Advance(TimeSpan.FromHours(1)); // 13:00 UTC
        Assert.Equal(1, await publisher.RunOnceAsync());
        // This node's cache still holds the old page, unless (PostgreSQL) the other node's NOTIFY has already reached
        // its listener, which evicts it too: that race is not the scheduler's tick, so it is asserted on SQLite only.
        if (TestDatabase.Provider == TestProvider.Sqlite)
            Assert.DoesNotContain("Geplande privacytekst.", await reader.GetStringAsync("/nl/privacy"));

        await firstNode.RunOnceAsync(); // its next tick sees the other node's publication and evicts its own reader cache
        Assert.Contains("Geplande privacytekst.", await reader.GetStringAsync("/nl/privacy"));
        Assert.Contains((AuditActions.Schedule, "editor@example.org"), await AuditAsync());
        Assert.Contains((AuditActions.ScheduledPublish, "system"), await AuditAsync());
    }

    [Fact]
    public async Task TheBackgroundServicePublishesWithinAMinuteOfTheDueTime()
    {
        using var app = new ClockedPortalApplication(_clock) { SchedulerEnabled = true };
        using var editor = await app.SignInAsync("editor@example.org", "Editor");
        var contact = await app.ItemIdAsync("contact");
        var form = await editor.GetDocumentAsync(Edit(contact, "nl"));
        await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Schedule']", new Dictionary<string, string?>
        {
            ["Form.Body"] = "Nieuwe contacttekst.", ["Form.ScheduleAt"] = "2026-12-01T10:30",
        });
        var due = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero); // 10:30 Amsterdam time
        _clock.Advance(due - _clock.GetUtcNow());
        using var reader = app.CreateReaderClient();
        // .NET 10 starts a BackgroundService's whole ExecuteAsync on the thread pool, so on a loaded 2-core machine the loop
        // may reach its first wait on the app's clock only after this test moved it: time goes on in half-second steps,
        // never more than a minute past the due time, while the page is polled for up to 20 s of real time.
        for (var i = 0; i < 200 && !(await reader.GetStringAsync("/nl/contact")).Contains("Nieuwe contacttekst."); i++)
        {
            if (_clock.GetUtcNow() < due + TimeSpan.FromMinutes(1)) _clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(100);
        }
        Assert.Contains("Nieuwe contacttekst.", await reader.GetStringAsync("/nl/contact"));
    }

    [Fact]
    public async Task MarkdownWithScriptHandlersJavascriptLinksOrRawHtmlReachesTheReaderAsInertText()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reader = _app.CreateReaderClient();
        var partners = await _app.ItemIdAsync("partners");
        var form = await editor.GetDocumentAsync(Edit(partners, "nl"));
        await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Publish']", new Dictionary<string, string?>
        {
            ["Form.Body"] = "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1))\n\n<a href=\"https://evil.example\" onclick=\"alert(1)\">a</a>\n\n[data](data:text/html,<script>alert(1)</script>)",
        });
        var page = await reader.GetDocumentAsync("/nl/partners");
        var body = page.QuerySelector(".body")!;
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(body.QuerySelectorAll("img, iframe, [onerror], [onclick]"));
        Assert.DoesNotContain(body.QuerySelectorAll("a"), a => a.GetAttribute("href") is { } h && (h.StartsWith("javascript", StringComparison.OrdinalIgnoreCase) || h.StartsWith("data", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("<script>alert('x')</script>", body.TextContent); // shown as the text that was typed
    }

    [Fact]
    public async Task RevisionsCanBeListedComparedWordByWordAndRestoredAsANewDraft()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var principles = await _app.ItemIdAsync("principles");
        var form = await editor.GetDocumentAsync(Edit(principles, "nl"));
        await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']", new Dictionary<string, string?> { ["Form.Body"] = "Terugkeer moet veilig zijn." });
        form = await editor.GetDocumentAsync(Edit(principles, "nl"));
        await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']", new Dictionary<string, string?> { ["Form.Body"] = "Terugkeer moet waardig zijn." });

        var list = await editor.GetDocumentAsync($"{Edit(principles, "nl")}/revisions");
        Assert.Equal(3, list.QuerySelectorAll("tbody tr").Length);
        var diff = await editor.SubmitAsync(list, "form[method=get]", "form[method=get] button[type=submit]");
        var diffPage = await Html.GetDocumentAsync(diff);
        Assert.Equal("veilig", diffPage.QuerySelector("#diff-body del")!.TextContent);
        Assert.Equal("waardig", diffPage.QuerySelector("#diff-body ins")!.TextContent);

        var firstRevisionButton = diffPage.QuerySelectorAll("tbody tr").Last().QuerySelector("button")!.GetAttribute("form");
        using var restored = await editor.SubmitAsync(diffPage, $"#{firstRevisionButton}");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var revisions = await _app.WithDbAsync((db, _) => db.ContentRevisions.Where(r => r.Translation.ContentItemId == principles && r.Translation.Culture == "nl").OrderBy(r => r.Number).Select(r => r.BodyMarkdown).ToListAsync());
        Assert.Equal(4, revisions.Count);
        Assert.Equal(revisions[0], revisions[3]); // the original text, as a new draft; history untouched
        Assert.Contains((AuditActions.RestoreRevision, "editor@example.org"), await AuditAsync());
    }

    [Fact]
    public async Task UnpublishTakesATranslationOffAndIsAudited()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var reader = _app.CreateReaderClient();
        var mazan = await _app.ItemIdAsync("mazan");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/fr/stories/mazan")).StatusCode);
        var form = await editor.GetDocumentAsync(Edit(mazan, "nl"));
        using var off = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Unpublish']");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        // The source is off: the translations still show (each language is its own publication).
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/nl/stories/mazan")).StatusCode);
        Assert.Contains((AuditActions.Unpublish, "editor@example.org"), await AuditAsync());
    }

    [Fact]
    public async Task ATitleOfSpacesAnswersTheFormAgainWithTheMessageBesideItAndEveryTypedTextKept()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var guinea = await _app.ItemIdAsync("guinea");
        var form = await editor.GetDocumentAsync(Edit(guinea, "nl"));
        var body = form.QuerySelector("textarea[name='Form.Body']")!.TextContent + "\n\nMijn nieuwe alinea, die niet verloren mag gaan.";
        using var refused = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']",
            new Dictionary<string, string?> { ["Form.Title"] = "   ", ["Form.Body"] = body, ["Form.Sources[0].Url"] = "not a url" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = await Html.GetDocumentAsync(refused);
        Assert.Equal("Verplicht.", again.QuerySelector("span[data-valmsg-for='Form.Title']")!.TextContent.Trim()); // in the workspace's language
        Assert.Contains("https://", again.QuerySelector("span[data-valmsg-for='Form.Sources[0].Url']")!.TextContent);
        Assert.Equal(body.Replace("\r\n", "\n"), again.QuerySelector("textarea[name='Form.Body']")!.TextContent.Replace("\r\n", "\n"));
        Assert.Equal("not a url", again.QuerySelector("input[name='Form.Sources[0].Url']")!.GetAttribute("value"));
        Assert.Equal("url", again.QuerySelector("input[name='Form.Sources[0].Url']")!.GetAttribute("type"));

        // A handler the page does not have: the form again, the text kept, no 500.
        again.QuerySelector("#edit-form")!.SetAttribute("action", Edit(guinea, "nl") + "?handler=Nope");
        using var unknown = await editor.SubmitAsync(again, "#edit-form", null, new Dictionary<string, string?> { ["Form.Title"] = "Guinee" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(body.Replace("\r\n", "\n"), (await Html.GetDocumentAsync(unknown)).QuerySelector("textarea[name='Form.Body']")!.TextContent.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task CounsellorsAreRowsAddedWithoutScriptAndANameWithAPipeIsStoredAsTyped()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var point = await _app.ItemIdAsync("den-haag");
        var form = await editor.GetDocumentAsync(Edit(point, "nl"));
        Assert.Null(form.QuerySelector("textarea[name='Form.Counsellors']")); // no pipe-separated text box any more
        using var added = await editor.SubmitAsync(form, "#edit-form", "button[name=add][value=Counsellors]",
            new Dictionary<string, string?> { ["Form.Summary"] = "Samenvatting in bewerking." });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        form = await Html.GetDocumentAsync(added);
        Assert.Equal("Samenvatting in bewerking.", form.QuerySelector("textarea[name='Form.Summary']")!.TextContent); // kept
        Assert.NotNull(form.QuerySelector("input[name='Form.Counsellors[1].Name']"));
        Assert.Equal("email", form.QuerySelector("input[name='Form.Counsellors[1].Email']")!.GetAttribute("type"));
        using var hours = await editor.SubmitAsync(form, "#edit-form", "button[name=add][value=OpeningHours]",
            new Dictionary<string, string?> { ["Form.Counsellors[1].Name"] = "Jan | de Vries", ["Form.Counsellors[1].Email"] = "geen adres" });
        form = await Html.GetDocumentAsync(hours);
        Assert.Equal("time", form.QuerySelector("input[name='Form.OpeningHours[0].From']")!.GetAttribute("type"));

        using var refused = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']",
            new Dictionary<string, string?> { ["Form.OpeningHours[0].Day"] = "Monday", ["Form.OpeningHours[0].From"] = "17:00", ["Form.OpeningHours[0].To"] = "09:00" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        form = await Html.GetDocumentAsync(refused);
        Assert.NotEmpty(form.QuerySelector("span[data-valmsg-for='Form.Counsellors[1].Email']")!.TextContent.Trim());
        Assert.Contains("17:00", form.QuerySelector("span[data-valmsg-for='Form.OpeningHours[0].To']")!.TextContent);
        Assert.Equal("Jan | de Vries", form.QuerySelector("input[name='Form.Counsellors[1].Name']")!.GetAttribute("value"));

        using var saved = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']",
            new Dictionary<string, string?> { ["Form.Counsellors[1].Email"] = "jan@example.org", ["Form.OpeningHours[0].From"] = "09:00", ["Form.OpeningHours[0].To"] = "17:00" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var fields = await _app.WithDbAsync((db, _) => db.ContentTranslations.Where(t => t.ContentItemId == point && t.Culture == "nl").Select(t => t.DraftRevision!.Fields).SingleAsync());
        var stored = Assert.IsType<Portal.Content.SupportPointFields>(fields);
        Assert.Equal(new Portal.Content.Counsellor("Jan | de Vries", "jan@example.org", null), stored.Counsellors[1]);
        Assert.Equal([new Portal.Content.OpeningHours(DayOfWeek.Monday, "09:00", "17:00")], stored.OpeningHours);

        form = await editor.GetDocumentAsync(Edit(point, "nl"));
        using var removed = await editor.SubmitAsync(form, "#edit-form", "button[name=remove][value='Counsellors:0']");
        form = await Html.GetDocumentAsync(removed);
        Assert.Equal("Jan | de Vries", form.QuerySelector("input[name='Form.Counsellors[0].Name']")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("input[name='Form.Counsellors[1].Name']"));
    }

    private Task<List<(string Action, string Actor)>> AuditAsync()
        => _app.WithDbAsync(async (db, _) => (await db.AuditEntries.Select(a => new { a.Action, a.Actor }).ToListAsync()).Select(a => (a.Action, a.Actor)).ToList());

    public void Dispose() => _app.Dispose();
}
