using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the dashboard filters, counts and pages in SQL, and each provider has its own (JSON functions too).
/// <summary>The dashboard with a few hundred items: capped to-do lists, the matrix filtered, searched and paged, a translator's languages.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class DashboardTests : IAsyncLifetime
{
    private const int Generated = 300;
    private readonly PortalApplication _app = new();

    /// <summary>
    /// 300 country guides "Testland 000".."Testland 299", written straight to the database: the Dutch source is published
    /// (even numbers with a second, major revision); French translates revision 1 (so outdated for even numbers); every
    /// third has an English translation not reviewed by a human; every fourth is past its review date.
    /// </summary>
    public Task InitializeAsync() => _app.WithDbAsync(async (db, _) =>
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var day = new DateOnly(2026, 12, 1);
        ContentRevision Revision(ContentTranslation t, int number, string title, DateOnly next, ContentRevision? source = null, bool reviewed = true) => new()
        {
            Translation = t, Number = number, Title = title, Summary = "Samenvatting.", BodyMarkdown = "Tekst.", BodyHtml = "<p>Tekst.</p>",
            Fields = new CountryGuideFields("ZZ", next, []), IsMajor = true, ChangeNote = "Gemaakt.", UpdatedOn = day, ReviewedOn = day,
            SourceRevision = source, HumanReviewed = reviewed, CreatedBy = "generator", CreatedAt = at,
        };
        var pointers = new List<(ContentTranslation Translation, ContentRevision Revision)>();
        for (var i = 0; i < Generated; i++)
        {
            var key = $"testland-{i:000}";
            var next = i % 4 == 0 ? new DateOnly(2020, 1, 1) : new DateOnly(2099, 1, 1);
            var item = new ContentItem { Kind = ContentKind.CountryGuide, Key = key, CountryCode = "ZZ", SortOrder = 1000 + i, CreatedAt = at };
            var nl = new ContentTranslation { Item = item, Culture = "nl", Kind = item.Kind, Slug = key };
            var first = Revision(nl, 1, $"Testland {i:000}", next);
            var latest = i % 2 == 0 ? Revision(nl, 2, $"Testland {i:000}", next) : first;
            var fr = new ContentTranslation { Item = item, Culture = "fr", Kind = item.Kind, Slug = key };
            pointers.Add((nl, latest));
            pointers.Add((fr, Revision(fr, 1, $"Pays test {i:000}", next, first)));
            if (i % 3 == 0)
            {
                var en = new ContentTranslation { Item = item, Culture = "en", Kind = item.Kind, Slug = key };
                pointers.Add((en, Revision(en, 1, $"Testland {i:000} (en)", next, latest, reviewed: false)));
            }
            db.Add(item);
            db.AddRange(pointers.Skip(pointers.Count - (i % 3 == 0 ? 3 : 2)).Select(p => p.Revision));
            if (latest != first) db.Add(first);
        }
        await db.SaveChangesAsync();
        foreach (var (t, r) in pointers) (t.PublishedRevisionId, t.DraftRevisionId) = (r.Id, r.Id);
        await db.SaveChangesAsync();
        return 0;
    });

    private static int Count(IHtmlDocument page, string heading)
        => int.Parse(page.QuerySelector($"#{heading} .count")!.TextContent.Trim('(', ')', ' '), System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Titles(IHtmlDocument page) => page.QuerySelectorAll("#matrix-table tbody th a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task ToDoListsComeFirstCappedAtTenWithALinkToAll()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using var response = await editor.GetAsync("/editor");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Length < 100_000, $"{html.Length} characters");
        var page = await Html.GetDocumentAsync(response);

        var sections = page.QuerySelectorAll("main section").Select(s => s.QuerySelector("h2")!.Id).ToList();
        Assert.Equal(["signoff", "sentback", "outdated", "overdue", "scheduled", "matrix", "recent"], sections);

        Assert.Equal(Generated / 2, Count(page, "outdated"));                    // French of every even Testland
        Assert.Equal(10, page.QuerySelectorAll("#outdated ~ ul li").Length);
        var outdatedAll = page.QuerySelector("#outdated ~ p a")!.GetAttribute("href")!;
        Assert.Contains("state=outdated", outdatedAll);

        Assert.Equal(Generated / 4, Count(page, "overdue"));
        Assert.Equal(10, page.QuerySelectorAll("#overdue ~ ul li").Length);
        var all = await editor.GetDocumentAsync(page.QuerySelector("#overdue ~ p a")!.GetAttribute("href")!);
        Assert.Equal(Generated / 4, all.QuerySelectorAll("#overdue ~ ul li").Length);
        Assert.Null(all.QuerySelector("#matrix-table"));

        // "Show all" of the outdated list is the matrix, filtered.
        var outdated = await editor.GetDocumentAsync(outdatedAll);
        Assert.Equal(Generated / 2, Count(outdated, "matrix"));

        // The lists are kept between views only while nothing changes: a translation brought up to date leaves at once.
        var item = await _app.ItemIdAsync("testland-000");
        var french = await editor.GetDocumentAsync($"/editor/content/{item}/fr");
        using (var published = await editor.SubmitAsync(french, "#edit-form", "button[formaction*='handler=Publish']", new Dictionary<string, string?> { ["Form.Body"] = "Tekst, bijgewerkt." }))
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(Generated / 2 - 1, Count(await editor.GetDocumentAsync("/editor"), "outdated"));
        Assert.True(page.QuerySelectorAll("#recent ~ ul li").Length <= 10);
    }

    [Fact]
    public async Task TheMatrixIsPagedAndKeepsItsFiltersFromPageToPage()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var first = await editor.GetDocumentAsync("/editor?q=testland");
        Assert.Equal(Generated, Count(first, "matrix"));
        Assert.Equal(50, Titles(first).Count);
        Assert.Equal("Testland 000", Titles(first)[0]);
        var next = first.QuerySelector(".pages a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("q=testland", next);
        var second = await editor.GetDocumentAsync(next);
        Assert.Equal("Testland 050", Titles(second)[0]);
        var last = await editor.GetDocumentAsync("/editor?q=testland&page=6");
        Assert.Equal("Testland 299", Titles(last)[^1]);
        Assert.Null(last.QuerySelector(".pages a[rel=next]"));
        Assert.Empty(Titles(await editor.GetDocumentAsync("/editor?q=testland&page=7")));
    }

    [Fact]
    public async Task TheMatrixIsFilteredByKindLanguageAndStateAndSearchedByTitleOrKey()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");

        var outdated = await editor.GetDocumentAsync("/editor?kind=country-guide&lang=fr&state=outdated");
        Assert.Equal(Generated / 2, Count(outdated, "matrix"));
        Assert.Equal(["nl", "fr"], outdated.QuerySelectorAll("#matrix-table thead th[scope=col]").Skip(1).Select(th => th.TextContent));
        Assert.All(outdated.QuerySelectorAll("#matrix-table td[data-culture=fr]"), td => Assert.Equal("state-outdated", td.ClassName));

        var unreviewed = await editor.GetDocumentAsync("/editor?lang=en&state=unreviewed&q=testland");
        Assert.Equal(Generated / 3, Count(unreviewed, "matrix"));
        var missing = await editor.GetDocumentAsync("/editor?lang=en&state=missing&q=testland");
        Assert.Equal(Generated - Generated / 3, Count(missing, "matrix"));
        Assert.All(missing.QuerySelectorAll("#matrix-table td[data-culture=en]"), td => Assert.Equal("state-missing", td.ClassName));
        var upToDate = await editor.GetDocumentAsync("/editor?lang=fr&state=uptodate&q=testland");
        Assert.Equal(Generated / 2, Count(upToDate, "matrix"));

        // Search: the (source) title, whatever the case, or the key.
        Assert.Equal(Enumerable.Range(120, 10).Select(i => $"Testland {i}"), Titles(await editor.GetDocumentAsync("/editor?q=TESTLAND%2012")));
        Assert.Equal(10, Count(await editor.GetDocumentAsync("/editor?q=testland-29"), "matrix"));
        Assert.Equal(0, Count(await editor.GetDocumentAsync("/editor?kind=story&q=testland"), "matrix"));

        // Values it does not know are said, with a 400, and left out.
        using var bad = await editor.GetAsync("/editor?state=finished&lang=xx&page=-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var said = (await Html.GetDocumentAsync(bad)).QuerySelector("#dashboard-error")!.TextContent;
        Assert.Contains("state=finished", said);
        Assert.Contains("lang=xx", said);
    }

    [Fact]
    public async Task ATranslatorOpensOnTheirOwnLanguagesAndCanAskForAll()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True((await UserCommands.CreateAsync(scope.ServiceProvider, "vertaler@example.org", Roles.Translator, EditorSession.Password, "test")).Succeeded);
        }
        // The command an administrator runs: `users languages <email> fr`; a language the portal does not have is refused.
        Assert.Equal(2, await UserCommands.RunAsync(_app.Services, ["users", "languages", "vertaler@example.org", "fr,xx"]));
        Assert.Equal(0, await UserCommands.RunAsync(_app.Services, ["users", "languages", "vertaler@example.org", "fr"]));
        using var translator = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signedIn = await translator.TrySignInAsync("vertaler@example.org", EditorSession.Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var page = await translator.GetDocumentAsync("/editor?q=testland");
        Assert.Equal(["nl", "fr"], page.QuerySelectorAll("#matrix-table thead th[scope=col]").Skip(1).Select(th => th.TextContent));
        Assert.Contains("fr", page.QuerySelector("#matrix-languages")!.TextContent);
        Assert.Equal(Generated / 2, Count(page, "outdated"));             // outdated in French only
        var outdated = await translator.GetDocumentAsync("/editor?state=outdated&q=testland");
        Assert.Equal(Generated / 2, Count(outdated, "matrix"));            // filters apply to their languages too

        var every = await translator.GetDocumentAsync("/editor?lang=&q=testland");
        Assert.Equal(["nl", "en", "fr", "ar", "fa", "ckb"], every.QuerySelectorAll("#matrix-table thead th[scope=col]").Skip(1).Select(th => th.TextContent));

        // A translator with no languages recorded sees every translation, as an editor does.
        using var other = await _app.SignInAsync("translator@example.org", Roles.Translator);
        Assert.Equal(Generated / 2, Count(await other.GetDocumentAsync("/editor"), "outdated"));
        Assert.Equal(7, (await other.GetDocumentAsync("/editor")).QuerySelectorAll("#matrix-table thead th[scope=col]").Length);
    }

    [Fact]
    public async Task AnAdministratorSetsATranslatorsLanguagesOnTheUsersPageAndItIsAudited()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.True((await UserCommands.CreateAsync(scope.ServiceProvider, "vertaler@example.org", Roles.Translator, EditorSession.Password, "test")).Succeeded);
        using var translator = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signedIn = await translator.TrySignInAsync("vertaler@example.org", EditorSession.Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var admin = await _app.SignInAsync("admin@example.org", Roles.Administrator);
        const string Row = "tr[data-email='vertaler@example.org']";

        var users = await admin.GetDocumentAsync("/editor/users");
        foreach (var c in new[] { "ar", "fr" }) users.QuerySelector<IHtmlInputElement>($"{Row} form.languages input[value='{c}']")!.IsChecked = true;
        Assert.Null(users.QuerySelector($"{Row} form.languages input[value='nl']")); // the source is written, not translated
        using (var saved = await admin.SubmitAsync(users, $"{Row} form.languages"))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = await admin.GetDocumentAsync("/editor/users");
        Assert.Equal(["fr", "ar"], shown.QuerySelectorAll<IHtmlInputElement>($"{Row} form.languages input:checked").Select(i => i.Value));
        var audit = await _app.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.Action == AuditActions.UserChanged && a.Target == "vertaler@example.org")
            .Select(a => a.Actor + " " + a.Details).ToListAsync());
        Assert.Equal(["admin@example.org languages: fr,ar"], audit);

        // The translator, signed in before, finds the workspace opening on them at the next request.
        Assert.Equal(["nl", "fr", "ar"], (await translator.GetDocumentAsync("/editor?q=testland"))
            .QuerySelectorAll("#matrix-table thead th[scope=col]").Skip(1).Select(th => th.TextContent));

        // A language the portal does not have (an edited form) is refused with a reason and changes nothing.
        var edited = await admin.GetDocumentAsync("/editor/users");
        var box = edited.QuerySelector<IHtmlInputElement>($"{Row} form.languages input[value='en']")!;
        box.Value = "xx";
        box.IsChecked = true;
        using (var refused = await admin.SubmitAsync(edited, $"{Row} form.languages"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("'xx'", (await Html.GetDocumentAsync(refused)).QuerySelector("#users-error")!.TextContent);
        }
        Assert.Single(await _app.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.Action == AuditActions.UserChanged && a.Target == "vertaler@example.org").ToListAsync()));

        // Only administrators: an editor does not get the page.
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        using var forbidden = await editor.GetAsync("/editor/users");
        Assert.StartsWith("http://localhost/editor/denied", forbidden.Headers.Location!.ToString());
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }
}
