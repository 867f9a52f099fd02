using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: signing in and the refusals read accounts and content from the database.
/// <summary>The workspace's language switch (nl/en): a cookie for /editor only, every message in the chosen language.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class WorkspaceLanguageTests : IDisposable
{
    private readonly PortalApplication _app = new();

    private static async Task<HttpResponseMessage> SwitchAsync(HttpClient client, string page, string lang)
    {
        var doc = await client.GetDocumentAsync(page);
        return await client.SubmitAsync(doc, "#language-switch", $"#language-switch button[value={lang}]");
    }

    [Fact]
    public async Task SwitchingToEnglishIsRememberedForTheWorkspaceOnlyAndRefusalsAreThenInEnglish()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var safety = await _app.ItemIdAsync("guinea-safety");
        var edit = $"/editor/content/{safety}/nl";
        var major = new Dictionary<string, string?> { ["Form.IsMajor"] = "true", ["Form.LegalExplanation"] = "Nieuwe uitleg." };

        // Without Accept-Language the workspace speaks Dutch, its refusals too.
        var page = await editor.GetDocumentAsync(edit);
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        using (var refused = await editor.SubmitAsync(page, "#edit-form", "button[formaction*='handler=Publish']", major))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("Een grote wijziging heeft een wijzigingsnotitie nodig die lezers zien.", // beside the field
                (await Html.GetDocumentAsync(refused)).QuerySelector("span[data-valmsg-for='Form.ChangeNote']")!.TextContent.Trim());
        }

        using var switched = await SwitchAsync(editor, edit, "en");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(edit, switched.Headers.Location!.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal.lang=", StringComparison.Ordinal));
        Assert.StartsWith("portal.lang=en;", cookie);
        Assert.Contains("path=/editor", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        page = await editor.GetDocumentAsync(edit);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("true", page.QuerySelector("#language-switch button[value=en]")!.GetAttribute("aria-pressed"));
        using (var refused = await editor.SubmitAsync(page, "#edit-form", "button[formaction*='handler=Publish']", major))
        {
            var again = await Html.GetDocumentAsync(refused);
            Assert.Equal("A major update needs a change note that readers will see.", again.QuerySelector("span[data-valmsg-for='Form.ChangeNote']")!.TextContent.Trim());
            Assert.StartsWith("Not saved:", again.QuerySelector("#edit-error")!.TextContent.Trim());
            Assert.Equal("Nieuwe uitleg.", again.QuerySelector("textarea[name='Form.LegalExplanation']")!.TextContent); // the text typed is kept
        }

        // A status after a success is in English too; and back to Dutch.
        page = await editor.GetDocumentAsync(edit);
        using (var saved = await editor.SubmitAsync(page, "#edit-form", "button[formaction*='handler=Save']", new Dictionary<string, string?> { ["Form.Summary"] = "Een nieuwe samenvatting." }))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Draft saved.", (await editor.GetDocumentAsync(edit)).QuerySelector(".notice.ok")!.TextContent.Trim());
        using (await SwitchAsync(editor, "/editor", "nl")) { }
        Assert.Equal("nl", (await editor.GetDocumentAsync("/editor")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task ReaderPagesSetNoCookieAndIgnoreTheWorkspaceLanguage()
    {
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        using (await SwitchAsync(editor, "/editor", "en")) { }
        foreach (var url in new[] { "/", "/nl", "/nl/countries/guinea", "/fr/support-points" })
        {
            using var response = await editor.GetAsync(url);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} set a cookie");
        }
        // Even a request that carries the cookie (a proxy that ignores its path) gets the page's own language and no cookie.
        using var reader = _app.CreateReaderClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/nl/countries/guinea");
        request.Headers.Add("Cookie", "portal.lang=en");
        using var page = await reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.Equal("nl", (await Html.GetDocumentAsync(page)).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task TheSignInPageCanBeSwitchedBeforeSigningIn()
    {
        using var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal("nl", (await client.GetDocumentAsync("/editor/sign-in")).DocumentElement.GetAttribute("lang"));
        using var switched = await SwitchAsync(client, "/editor/sign-in", "en");
        Assert.Equal("/editor/sign-in", switched.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync("/editor/sign-in");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        using var wrong = await client.TrySignInAsync("nobody@example.org", "wrong password here");
        Assert.Contains("Sign-in failed", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownLanguageIsRefusedWithA400AndSetsNothing()
    {
        using var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var doc = await client.GetDocumentAsync("/editor/sign-in");
        var button = doc.QuerySelector("#language-switch button[value=en]")!;
        button.SetAttribute("value", "fr");
        using var response = await client.SubmitAsync(doc, "#language-switch", "#language-switch button[value=fr]");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("portal.lang", StringComparison.Ordinal)));
    }

    public void Dispose() => _app.Dispose();
}
