using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Support;

namespace Portal.Tests.Browser;

// Both providers: the editor's journey writes to the database.
/// <summary>The editor's whole journey in a real browser, and script-injection payloads that must stay inert on the reader page.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class EditorBrowserTests(BrowserFixture fx)
{
    /// <summary>From the OWASP XSS filter evasion cheat sheet: tags, handlers, schemes, encodings, broken markup, SVG/MathML.</summary>
    public static readonly string[] Payloads =
    [
        "<script>alert('XSS1')</script>",
        "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
        "<IMG SRC=\"javascript:alert('XSS3');\">",
        "<IMG SRC=javascript:alert('XSS4')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS5')>",
        "<IMG SRC=`javascript:alert(\"XSS6\")`>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS7\")</SCRIPT>\"\\>",
        "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
        "<IMG SRC=# onmouseover=\"alert('xxs9')\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=\"jav\tascript:alert('XSS13');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS14');\">",
        "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS16\")>",
        "<<SCRIPT>alert(\"XSS17\");//\\<</SCRIPT>",
        "<SCRIPT SRC=//xss.rocks/.j>",
        "<IMG SRC=\"`<javascript:alert>`('XSS19')\"",
        "</TITLE><SCRIPT>alert(\"XSS20\");</SCRIPT>",
        "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS21');\">",
        "<BODY BACKGROUND=\"javascript:alert('XSS22')\">",
        "<svg/onload=alert('XSS23')>",
        "<svg><script>alert('XSS24')</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS25')>",
        "<iframe src=\"javascript:alert('XSS26')\"></iframe>",
        "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
        "<FRAMESET><FRAME SRC=\"javascript:alert('XSS28');\"></FRAMESET>",
        "<TABLE BACKGROUND=\"javascript:alert('XSS29')\">",
        "<DIV STYLE=\"background-image: url(javascript:alert('XSS30'))\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS31');\">",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
        "<a href=\"javas&#99;ript:alert('XSS33')\">click</a>",
        "[markdown link](javascript:alert('XSS34'))",
        "[encoded](jav&#x09;ascript:alert('XSS35'))",
        "![image](javascript:alert('XSS36'))",
        "<details open ontoggle=alert('XSS37')>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMzgnKTwvc2NyaXB0Pg==\">x</a>",
        "<form><button formaction=javascript:alert('XSS39')>x</button></form>",
        "<style>@import 'javascript:alert(\"XSS40\")';</style>",
    ];

    private Task<IPage> SignInAsync(IBrowserContext context, string email, string role) => fx.SignInAsync(context, email, role);

    [BrowserFact]
    public async Task AnEditorSignsInEditsPreviewsAndPublishesAndTheReaderPageChanges()
    {
        await using var o = await fx.NewPageAsync();
        var editor = await SignInAsync(o.Context, "journey@example.org", Roles.Editor);
        var itemId = await fx.App.ItemIdAsync("contact");

        await editor.GotoAsync($"{fx.BaseUrl}/editor/content/{itemId}/en");
        var body = editor.Locator("textarea[name='Form.Body']");
        await body.FillAsync(await body.InputValueAsync() + "\n\nUpdated in the browser today.");
        await editor.Locator("button[formaction*='handler=Preview']").ClickAsync();
        await Assertions.Expect(editor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/editor/preview/en/"));
        Assert.Contains("Updated in the browser today.", await editor.Locator(".body").InnerTextAsync());

        var reader = await o.Context.NewPageAsync();
        await reader.GotoAsync($"{fx.BaseUrl}/en/contact");
        Assert.DoesNotContain("Updated in the browser today.", await reader.Locator("main").InnerTextAsync());

        await editor.GotoAsync($"{fx.BaseUrl}/editor/content/{itemId}/en");
        await editor.Locator("button[formaction*='handler=Publish']").ClickAsync();
        await Assertions.Expect(editor.Locator("p.notice.ok")).ToBeVisibleAsync();

        await reader.ReloadAsync();
        Assert.Contains("Updated in the browser today.", await reader.Locator("main").InnerTextAsync());
        Assert.Empty(o.ConsoleErrors);
        Assert.Empty(o.Dialogs);
    }

    [BrowserFact]
    public async Task ASafetyReviewerApprovesWhatTheySeeAndEveryLanguageShowsTheNewLevel()
    {
        const string note = "Fysieke veiligheid: hoog risico op de reis (browser).";
        await using var a = await fx.NewPageAsync();
        await using var b = await fx.NewPageAsync();
        var editor = await SignInAsync(a.Context, "raiser@example.org", Roles.Editor);
        var reviewer = await SignInAsync(b.Context, "signer@example.org", Roles.SafetyReviewer);
        var itemId = await fx.App.ItemIdAsync("iraq-safety");

        await editor.GotoAsync($"{fx.BaseUrl}/editor/content/{itemId}/nl");
        await editor.Locator("#Form_PhysicalLevel").SelectOptionAsync("High");
        await editor.Locator("input[name='Form.IsMajor'][value='true']").CheckAsync();
        await editor.Locator("textarea[name='Form.ChangeNote']").FillAsync(note);
        await editor.Locator("button[formaction*='handler=Publish']").ClickAsync();
        await Assertions.Expect(editor.Locator("#edit-error")).ToBeVisibleAsync(); // waits for a second person

        await reviewer.GotoAsync($"{fx.BaseUrl}/editor");
        await reviewer.Locator("a[href^='/editor/review/']").First.ClickAsync();
        var physical = reviewer.Locator("#review-levels tr[data-dimension='physical']");
        await Assertions.Expect(physical).ToHaveClassAsync("changed");
        await Assertions.Expect(reviewer.Locator("#review-note")).ToContainTextAsync(note);
        await reviewer.Locator("#Comment").FillAsync("Gecontroleerd.");
        await reviewer.Locator("#approve-form button").ClickAsync();
        await Assertions.Expect(reviewer.Locator("p.notice.ok")).ToBeVisibleAsync();

        var reader = await a.Context.NewPageAsync();
        foreach (var culture in ConfiguredCultures.All)
        {
            await reader.GotoAsync($"{fx.BaseUrl}/{culture}/countries/iraq/safety");
            var dimension = reader.Locator("section.dimension[aria-labelledby='dim-physical']");
            await Assertions.Expect(dimension).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("level-high"));
            await Assertions.Expect(dimension.Locator(".notice")).ToHaveCountAsync(culture == ConfiguredCultures.Source ? 0 : 1);
            await reader.GotoAsync($"{fx.BaseUrl}/{culture}/countries/iraq");
            await Assertions.Expect(reader.Locator("#latest-update")).ToContainTextAsync(note);
        }
        Assert.Empty(a.ConsoleErrors);
        Assert.Empty(b.ConsoleErrors);
    }

    [BrowserFact]
    public async Task FortyScriptInjectionPayloadsSavedThroughTheEditorNeverRunOnTheReaderPage()
    {
        await using var o = await fx.NewPageAsync();
        var editor = await SignInAsync(o.Context, "xss@example.org", Roles.Editor);
        var itemId = await fx.App.ItemIdAsync("partners");

        await editor.GotoAsync($"{fx.BaseUrl}/editor/content/{itemId}/fr");
        await editor.Locator("input[name='Form.Title']").FillAsync("Partenaires <img src=x onerror=alert('title')>");
        await editor.Locator("textarea[name='Form.Body']").FillAsync(string.Join("\n\n", Payloads));
        await editor.Locator("button[formaction*='handler=Publish']").ClickAsync();
        await Assertions.Expect(editor.Locator("p.notice.ok")).ToBeVisibleAsync();

        // The reader page, with the Content-Security-Policy switched off: only the sanitiser stands between a payload and the reader.
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var dialogs = new List<string>();
        var reader = await context.NewPageAsync();
        reader.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        var offsite = new List<string>();
        reader.Request += (_, r) => { if (!r.Url.StartsWith(fx.BaseUrl, StringComparison.Ordinal)) offsite.Add(r.Url); };
        await reader.GotoAsync($"{fx.BaseUrl}/fr/partners", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        // Hover and click everything a handler could hang on. An element that cannot be hovered or clicked in time is passed
        // over: Playwright reports that as System.TimeoutException, not PlaywrightException (seen on a loaded machine).
        foreach (var el in await reader.Locator("main .body *").AllAsync())
        {
            try { await el.HoverAsync(new LocatorHoverOptions { Timeout = 200, Force = true }); } catch (Exception e) when (e is PlaywrightException or System.TimeoutException) { }
        }
        foreach (var link in await reader.Locator("main .body a").AllAsync())
        {
            try { await link.ClickAsync(new LocatorClickOptions { Timeout = 500 }); } catch (Exception e) when (e is PlaywrightException or System.TimeoutException) { }
            if (!reader.Url.StartsWith($"{fx.BaseUrl}/fr/partners", StringComparison.Ordinal)) await reader.GoBackAsync();
        }

        Assert.Empty(dialogs);
        Assert.Empty(offsite);
        Assert.Equal(0, await reader.Locator("main script, main iframe, main object, main img, main svg, main form").CountAsync());
        Assert.Contains("<script>alert('XSS1')</script>", await reader.Locator("main .body").InnerTextAsync()); // there, as text
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task AnEditorCreatesACountryASupportPointAStoryAndAPageAndReadersSeeEachInDutchAndAsNotTranslatedElsewhere()
    {
        await using var a = await fx.NewPageAsync();
        await using var b = await fx.NewPageAsync();
        var editor = await SignInAsync(a.Context, "creator@example.org", Roles.Editor);
        var reviewer = await SignInAsync(b.Context, "newsigner@example.org", Roles.SafetyReviewer);

        async Task CreateAndPublishAsync(string kind, Func<Task> fill)
        {
            await editor.GotoAsync($"{fx.BaseUrl}/editor/content/new/{kind}");
            await fill();
            await editor.Locator("#create").ClickAsync();
            await Assertions.Expect(editor.Locator("#edit-form")).ToBeVisibleAsync();
            await editor.Locator("button[formaction*='handler=Publish']").ClickAsync();
        }
        Task FillAsync(string name, string value) => editor.Locator($"[name='{name}']").FillAsync(value);

        // A country, reached from the dashboard's "New": its guide, then its safety assessment signed off by a second person.
        await editor.Locator("#new-item").ClickAsync();
        await editor.Locator("#new-kinds a[href$='/country-guide']").ClickAsync();
        await FillAsync("Form.Title", "Sierra Leone");
        await FillAsync("Form.Country", "SL");
        await FillAsync("Form.Summary", "Algemene informatie over terugkeer naar Sierra Leone.");
        await FillAsync("Form.Body", "Deze tekst is algemeen.");
        await editor.Locator("#create").ClickAsync();
        await Assertions.Expect(editor.Locator("p.notice.ok")).ToBeVisibleAsync();
        await editor.Locator("button[formaction*='handler=Publish']").ClickAsync();
        await Assertions.Expect(editor.Locator("p.notice.ok")).ToBeVisibleAsync();
        var safetyId = await fx.App.ItemIdAsync("sierra-leone-safety");
        await editor.GotoAsync($"{fx.BaseUrl}/editor/content/{safetyId}/nl");
        await editor.Locator("button[formaction*='handler=Publish']").ClickAsync();
        await Assertions.Expect(editor.Locator("#edit-error")).ToBeVisibleAsync(); // waits for a Safety reviewer
        await reviewer.GotoAsync($"{fx.BaseUrl}/editor/content/{safetyId}/nl");
        await reviewer.Locator("#approval a[href^='/editor/review/']").ClickAsync();
        await reviewer.Locator("#Comment").FillAsync("Alles op individueel: akkoord.");
        await reviewer.Locator("#approve-form button").ClickAsync();
        await Assertions.Expect(reviewer.Locator("p.notice.ok")).ToBeVisibleAsync();

        // A support point with two counsellors and opening hours, through the add-row buttons (a round trip each, nothing lost).
        await CreateAndPublishAsync("support-point", async () =>
        {
            await FillAsync("Form.Title", "Steunpunt Terugkeer Utrecht");
            await FillAsync("Form.City", "Utrecht");
            await editor.Locator("#Form_Region").SelectOptionAsync("utrecht");
            await FillAsync("Form.Summary", "Praat met een counselor in Utrecht.");
            await editor.Locator("button[name=add][value=Counsellors]").ClickAsync();
            await FillAsync("Form.Counsellors[0].Name", "Jan | de Vries");
            await FillAsync("Form.Counsellors[0].Email", "jan@example.org");
            await editor.Locator("button[name=add][value=Counsellors]").ClickAsync();
            await FillAsync("Form.Counsellors[1].Name", "Ans Bakker");
            await FillAsync("Form.Counsellors[1].Phone", "030-1234567");
            await editor.Locator("button[name=add][value=OpeningHours]").ClickAsync();
            await Assertions.Expect(editor.Locator("[name='Form.Counsellors[0].Name']")).ToHaveValueAsync("Jan | de Vries"); // kept
            await editor.Locator("[name='Form.OpeningHours[0].Day']").SelectOptionAsync("Monday");
            await FillAsync("Form.OpeningHours[0].From", "09:00");
            await FillAsync("Form.OpeningHours[0].To", "17:00");
            await Assertions.Expect(editor.Locator("[name='Form.Summary']")).ToHaveValueAsync("Praat met een counselor in Utrecht.");
        });
        await Assertions.Expect(editor.Locator("p.notice.ok")).ToBeVisibleAsync();

        // A story with its consent on record.
        await CreateAndPublishAsync("story", async () =>
        {
            await FillAsync("Form.Title", "Fatou keerde terug naar Guinee");
            await FillAsync("Form.Summary", "Fatou vertelt over haar terugkeer.");
            await FillAsync("Form.Body", "Fatou is blij dat ze haar familie weer ziet.");
            await FillAsync("Form.Country", "GN");
            await FillAsync("Form.Guide", "guinea");
            await FillAsync("Form.Name", "Fatou");
            await FillAsync("Form.ConsentGivenBy", "Fatou, aan haar counselor");
            await FillAsync("Form.ConsentRecorded", "2026-11-20");
            await editor.Locator("input[type=checkbox][name='Form.ConsentCoversText']").CheckAsync();
            await editor.Locator("input[type=checkbox][name='Form.ConsentCoversName']").CheckAsync();
            await FillAsync("Form.ConsentScope", "Tekst en voornaam, in het Nederlands.");
            await editor.Locator("input[type=checkbox][name='Form.ConsentUntilWithdrawn']").CheckAsync();
        });
        await Assertions.Expect(editor.Locator("p.notice.ok")).ToBeVisibleAsync();

        await CreateAndPublishAsync("page", async () =>
        {
            await FillAsync("Form.Title", "Hulp bij documenten");
            await FillAsync("Form.Summary", "Waar je hulp krijgt bij documenten.");
            await FillAsync("Form.Body", "Een counselor helpt je met je documenten.");
        });
        await Assertions.Expect(editor.Locator("p.notice.ok")).ToBeVisibleAsync();

        var reader = await a.Context.NewPageAsync();
        var pages = new (string Path, string Dutch)[]
        {
            ("countries/sierra-leone", "Deze tekst is algemeen."), ("countries/sierra-leone/safety", "Nog geen algemene beoordeling"),
            ("support-points", "Jan | de Vries"), ("stories/fatou-keerde-terug-naar-guinee", "Fatou is blij"), ("hulp-bij-documenten", "Een counselor helpt je"),
        };
        foreach (var culture in ConfiguredCultures.All)
        {
            var fallback = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Locales, culture + ".json")))
                .RootElement.GetProperty("notice.fallback").GetString()!;
            foreach (var (path, dutch) in pages)
            {
                var response = await reader.GotoAsync($"{fx.BaseUrl}/{culture}/{path}");
                Assert.Equal(200, response!.Status);
                await Assertions.Expect(reader.Locator("main")).ToContainTextAsync(dutch);
                if (culture != ConfiguredCultures.Source && path != "support-points")
                    await Assertions.Expect(reader.Locator("main .notice").First).ToContainTextAsync(fallback);
            }
        }
        Assert.Empty(a.ConsoleErrors);
        Assert.Empty(b.ConsoleErrors);
    }
}
