using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: old slugs, retirement, the publication log and deletes live in the database.
/// <summary>Renaming, retiring, restoring and deleting whole items, in the workspace and through the management API, as readers then see them.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ItemLifecycleTests : IDisposable
{
    private readonly PortalApplication _app = new();
    private static readonly string[] Cultures = ["nl", "en", "fr", "ar", "fa", "ckb"];

    [Fact]
    public async Task RenamingKeepsEveryOldAddressAnswering301InEveryLanguageAndTheSitemapListsOnlyTheNewOne()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        using var reader = _app.CreateReaderClient();
        foreach (var c in Cultures) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{c}/countries/guinea")).StatusCode); // now cached
        var guinea = await _app.ItemIdAsync("guinea");

        var page = await editor.GetDocumentAsync($"/editor/content/{guinea}/manage");
        using var renamed = await editor.SubmitAsync(page, "#rename-form", null, Cultures.ToDictionary(c => $"Slugs[{c}]", _ => (string?)"guinee-conakry"));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        foreach (var c in Cultures)
        {
            await AssertMovedAsync(reader, $"/{c}/countries/guinea", $"/{c}/countries/guinee-conakry");
            await AssertMovedAsync(reader, $"/{c}/countries/guinea/safety", $"/{c}/countries/guinee-conakry/safety");
            await AssertMovedAsync(reader, $"/api/v1/{c}/countries/guinea", $"/api/v1/{c}/countries/guinee-conakry");
            await AssertMovedAsync(reader, $"/api/v1/{c}/countries/guinea/safety", $"/api/v1/{c}/countries/guinee-conakry/safety");
            await AssertMovedAsync(reader, $"/{c}/countries/guinea/feed.atom", $"/{c}/countries/guinee-conakry/feed.atom");
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{c}/countries/guinee-conakry")).StatusCode);
        }
        var addresses = Regex.Matches(await reader.GetStringAsync("/sitemap.xml"), "https?://[^<\"]+").Select(m => m.Value).ToList();
        Assert.Contains("http://localhost/fr/countries/guinee-conakry", addresses);
        Assert.DoesNotContain(addresses, a => a.EndsWith("/countries/guinea", StringComparison.Ordinal) || a.Contains("/countries/guinea/"));
        var home = await reader.GetStringAsync("/en/");
        Assert.Contains("/en/countries/guinee-conakry", home);
        Assert.DoesNotContain("/en/countries/guinea\"", home);

        // While "guinea" leads to the renamed item, no other country can take it.
        var iraq = await _app.ItemIdAsync("iraq");
        page = await editor.GetDocumentAsync($"/editor/content/{iraq}/manage");
        using var taken = await editor.SubmitAsync(page, "#rename-form", null, new Dictionary<string, string?> { ["Slugs[nl]"] = "guinea" });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var again = await Html.GetDocumentAsync(taken);
        Assert.Contains("guinea", again.QuerySelector("#manage-error")!.TextContent);
        Assert.Equal("guinea", again.QuerySelector("input[name='Slugs[nl]']")!.GetAttribute("value")); // what was typed is kept
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/nl/countries/iraq")).StatusCode);

        var audit = await _app.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.Action == AuditActions.Rename).Select(a => a.Target + " " + a.Details).ToListAsync());
        Assert.Equal(6, audit.Count);
        Assert.Contains("country-guide:guinea/nl guinea → guinee-conakry", audit);
    }

    [Fact]
    public async Task ThroughTheApiOneLanguageIsRenamedAndTheOthersKeepTheirAddress()
    {
        using var api = await ApiAsync("editor@example.org", Roles.Editor);
        using var reader = _app.CreateReaderClient();
        using var renamed = await api.PostAsJsonAsync("/api/v1/manage/items/page/about/rename", new { slugs = new Dictionary<string, string> { ["nl"] = "over-ons" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var item = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        var nl = item.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("culture").GetString() == "nl");
        Assert.Equal("over-ons", nl.GetProperty("slug").GetString());
        Assert.Equal(new[] { "about" }, nl.GetProperty("oldSlugs").EnumerateArray().Select(s => s.GetString()!));

        await AssertMovedAsync(reader, "/nl/about", "/nl/over-ons");
        await AssertMovedAsync(reader, "/api/v1/nl/pages/about", "/api/v1/nl/pages/over-ons");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/en/about")).StatusCode); // English keeps its own slug
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/en/pages/about")).StatusCode);

        using var bad = await api.PostAsJsonAsync("/api/v1/manage/items/page/contact/rename", new { slugs = new Dictionary<string, string> { ["nl"] = "Over Ons!" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        using var reserved = await api.PostAsJsonAsync("/api/v1/manage/items/page/contact/rename", new { slugs = new Dictionary<string, string> { ["nl"] = "countries" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reserved.StatusCode);
    }

    [Fact]
    public async Task ANewSlugInAnImportedFileIsARenameToo()
    {
        using var reader = _app.CreateReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/nl/privacy")).StatusCode); // now cached
        var folder = Directory.CreateTempSubdirectory("portal-rename-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "pages"));
            var text = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Content, "pages", "privacy.nl.md"));
            await File.WriteAllTextAsync(Path.Combine(folder, "pages", "privacy.nl.md"), text.Replace("slug: privacy\n", "slug: privacyverklaring\n"));
            await _app.WithDbAsync(async (_, sp) =>
            {
                var (files, problems) = sp.GetRequiredService<Portal.Content.Import.ContentValidator>().Validate(folder);
                Assert.Empty(problems);
                return await sp.GetRequiredService<Portal.Content.Import.ContentImporter>().ImportAsync(files);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        await AssertMovedAsync(reader, "/nl/privacy", "/nl/privacyverklaring");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/nl/privacyverklaring")).StatusCode);
    }

    [Fact]
    public async Task RetiringTakesAnItemOffInEveryLanguageWith410AndRestoringBringsBackWhatReadersHad()
    {
        using var editor = await _app.SignInAsync("editor@example.org", Roles.Editor);
        using var reader = _app.CreateReaderClient();
        foreach (var c in Cultures) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{c}/countries/iraq")).StatusCode); // now cached
        var iraq = await _app.ItemIdAsync("iraq");
        var before = await PublishedAsync(iraq);
        Assert.Equal(6, before.Count);

        var page = await editor.GetDocumentAsync($"/editor/content/{iraq}/manage");
        using var noReason = await editor.SubmitAsync(page, "#retire-form", null, new Dictionary<string, string?> { ["Reason"] = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(6, (await PublishedAsync(iraq)).Count);

        using var retired = await editor.SubmitAsync(page, "#retire-form", null, new Dictionary<string, string?> { ["Reason"] = "Programma voor Irak gestopt." });
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Empty(await PublishedAsync(iraq));
        foreach (var c in Cultures)
        {
            using var gone = await reader.GetAsync($"/{c}/countries/iraq");
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Equal(c, (await Html.GetDocumentAsync(gone)).DocumentElement.GetAttribute("lang"));
            Assert.Equal(HttpStatusCode.Gone, (await reader.GetAsync($"/{c}/countries/iraq/safety")).StatusCode);
            using var api = await reader.GetAsync($"/api/v1/{c}/countries/iraq");
            Assert.Equal(HttpStatusCode.Gone, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal("Pagina verwijderd", (await Html.GetDocumentAsync(await reader.GetAsync("/nl/countries/iraq"))).QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("/countries/iraq", await reader.GetStringAsync("/sitemap.xml"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/nl/countries/nowhere")).StatusCode); // unknown stays 404

        var edit = await editor.GetDocumentAsync($"/editor/content/{iraq}/nl");
        Assert.Contains("Programma voor Irak gestopt.", edit.QuerySelector("#item-retired")!.TextContent);
        using var publish = await editor.SubmitAsync(edit, "#edit-form", "button[formaction*='handler=Publish']");
        Assert.NotEqual(HttpStatusCode.Redirect, publish.StatusCode); // nothing of a retired item is published
        Assert.Empty(await PublishedAsync(iraq));

        // Nor does importing its file (published: true) bring it back behind the editors' backs.
        var folder = Directory.CreateTempSubdirectory("portal-retired-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "countries"));
            File.Copy(Path.Combine(RepoPaths.Content, "countries", "iraq.nl.md"), Path.Combine(folder, "countries", "iraq.nl.md"));
            var refused = await Assert.ThrowsAsync<Portal.Content.Import.ContentImportException>(() => _app.WithDbAsync(async (_, sp) =>
            {
                var (files, problems) = sp.GetRequiredService<Portal.Content.Import.ContentValidator>().Validate(folder);
                Assert.Empty(problems);
                return await sp.GetRequiredService<Portal.Content.Import.ContentImporter>().ImportAsync(files);
            }));
            Assert.Contains("is retired (Programma voor Irak gestopt.)", Assert.Single(refused.Problems).ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        Assert.Empty(await PublishedAsync(iraq));

        page = await editor.GetDocumentAsync($"/editor/content/{iraq}/manage");
        Assert.NotNull(page.QuerySelector("#retired"));
        using var restored = await editor.SubmitAsync(page, "#restore-form");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(before, await PublishedAsync(iraq));
        foreach (var c in Cultures) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{c}/countries/iraq")).StatusCode);

        var audit = await _app.WithDbAsync((db, _) => db.AuditEntries.Where(a => a.Action == AuditActions.Retire || a.Action == AuditActions.RestoreItem)
            .OrderBy(a => a.Id).Select(a => a.Action + " " + a.Actor + " " + a.Target + " " + a.Details).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.StartsWith("retire editor@example.org country-guide:iraq Programma voor Irak gestopt.", audit[0]);
        Assert.Equal("restore-item editor@example.org country-guide:iraq republished: ar, ckb, en, fa, fr, nl", audit[1]);
        var history = await _app.WithDbAsync((db, _) => db.ContentRevisions.CountAsync(r => r.Translation.ContentItemId == iraq));
        Assert.True(history >= 6); // revisions were kept throughout
    }

    [Fact]
    public async Task OnlyANeverPublishedDraftCanBeDeletedAndOnlyByEditorsAndAdministrators()
    {
        var draftId = await _app.WithDbAsync(async (db, sp) =>
        {
            var item = new ContentItem { Kind = ContentKind.Page, Key = "werk-in-uitvoering", CreatedAt = DateTimeOffset.UtcNow };
            item.Translations.Add(new ContentTranslation { Culture = "nl", Kind = ContentKind.Page, Slug = "werk-in-uitvoering" });
            db.ContentItems.Add(item);
            await db.SaveChangesAsync();
            var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(
                new SaveDraft.Command(item.Id, "nl", 0, "Werk in uitvoering", "Nog niet klaar.", "Tekst.", null, false, null, null, true),
                new Actor("editor@example.org", new HashSet<string> { Roles.Editor }));
            Assert.True(saved.Succeeded, saved.Message);
            return item.Id;
        });

        using var translator = await ApiAsync("translator@example.org", Roles.Translator);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.DeleteAsync("/api/v1/manage/items/page/werk-in-uitvoering")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await translator.PostAsJsonAsync("/api/v1/manage/items/page/about/retire", new { reason = "x" })).StatusCode);

        using var api = await ApiAsync("editor@example.org", Roles.Editor);
        using var published = await api.DeleteAsync("/api/v1/manage/items/page/about");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, published.StatusCode);
        Assert.Contains("retire", await published.Content.ReadAsStringAsync());

        using var deleted = await api.DeleteAsync("/api/v1/manage/items/page/werk-in-uitvoering");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(await _app.WithDbAsync((db, _) => db.ContentItems.AnyAsync(i => i.Id == draftId)));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/manage/items/page/werk-in-uitvoering")).StatusCode);
        var audit = await _app.WithDbAsync((db, _) => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.DeleteItem));
        Assert.Equal("page:werk-in-uitvoering", audit.Target);
        Assert.Equal("editor@example.org", audit.Actor);
    }

    [Fact]
    public async Task TheLifecycleEndpointsAreDocumentedWithTheirSuccessAnswers()
    {
        using var client = _app.CreateReaderClient();
        var paths = (await client.GetJsonAsync("/openapi/manage.json")).GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/manage/items/{kind}/{key}/rename").GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(paths.GetProperty("/api/v1/manage/items/{kind}/{key}/retire").GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(paths.GetProperty("/api/v1/manage/items/{kind}/{key}/restore").GetProperty("post").GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(paths.GetProperty("/api/v1/manage/items/{kind}/{key}").GetProperty("delete").GetProperty("responses").TryGetProperty("204", out _));
        var delivery = (await client.GetJsonAsync("/openapi/v1.json")).GetProperty("paths").GetProperty("/api/v1/{culture}/countries/{slug}").GetProperty("get").GetProperty("responses");
        Assert.True(delivery.TryGetProperty("301", out _));
        Assert.True(delivery.TryGetProperty("410", out _));
    }

    private static async Task AssertMovedAsync(HttpClient client, string from, string to)
    {
        using var response = await client.GetAsync(from);
        Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{from}: {(int)response.StatusCode}");
        Assert.Equal(to, response.Headers.Location!.OriginalString);
    }

    private Task<Dictionary<string, int>> PublishedAsync(int itemId) => _app.WithDbAsync((db, _) => db.ContentTranslations
        .Where(t => t.ContentItemId == itemId && t.PublishedRevisionId != null).ToDictionaryAsync(t => t.Culture, t => t.PublishedRevisionId!.Value));

    private async Task<HttpClient> ApiAsync(string email, string role)
    {
        var token = await _app.WithDbAsync(async (_, sp) =>
        {
            var created = await UserCommands.CreateAsync(sp, email, role, EditorSession.Password, "test");
            Assert.True(created.Succeeded);
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var user = await users.FindByEmailAsync(email);
            return (await sp.GetRequiredService<AccessTokens>().CreateAsync(user!.Id, "lifecycle test", null, "test"))!.Secret;
        });
        var client = _app.CreateReaderClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Dispose() => _app.Dispose();
}
