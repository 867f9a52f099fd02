using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the index is built from what the database has published, and rebuilt when a publish commits.
/// <summary>
/// The reader search: a country or city in any script and common spelling, Sorani spelling variants, the Dutch source
/// where a text is untranslated (marked), a publish found without a restart, polite answers to odd words, and words
/// that never reach the request log.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class SearchTests(SearchTests.App app) : IClassFixture<SearchTests.App>
{
    /// <summary>The seed plus one page published in Dutch only, and a log that keeps every line the app writes.</summary>
    public sealed class App : PortalApplication
    {
        private readonly string _content = RepoPaths.CopyContent();
        public ConcurrentQueue<string> Log { get; } = new();

        public App()
        {
            File.WriteAllText(Path.Combine(_content, "pages", "reisdocumenten.nl.md"), """
                ---
                kind: page
                key: reisdocumenten
                culture: nl
                slug: reisdocumenten
                title: Reisdocumenten aanvragen
                summary: Hoe je een paspoort of laissez-passer aanvraagt.
                order: 90
                updated: 2026-11-28
                change_note: Eerste publicatie op dit portaal.
                ---

                Voor de terugreis heb je een geldig paspoort of een laissez-passer nodig.
                """);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:ContentPath", _content);
            builder.ConfigureLogging(l => l.AddProvider(new QueueLoggerProvider(Log)));
        }

        /// <summary>The index is built beside the first requests: wait until search answers.</summary>
        public async Task<HttpClient> ReaderAsync()
        {
            await SearchReadyAsync();
            return CreateReaderClient();
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(_content)) Directory.Delete(_content, recursive: true); // called by Dispose and DisposeAsync
        }
    }

    private async Task<IHtmlDocument> SearchAsync(string culture, string words)
    {
        using var client = await app.ReaderAsync();
        return await client.GetDocumentAsync($"/{culture}/search?q={Uri.EscapeDataString(words)}");
    }

    private static List<string> Urls(IHtmlDocument page) => page.QuerySelectorAll(".results > li > a").Select(a => a.GetAttribute("href")!).ToList();

    public static TheoryData<string, string> CountryNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in ConfiguredCultures.All)
            foreach (var name in new[] { "Irak", "Iraq", "العراق", "عێراق", "عراق" }) data.Add(c, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CountryNames))]
    public async Task ACountryNameInAnyScriptFindsTheCountryGuideFirst(string culture, string name)
    {
        var page = await SearchAsync(culture, name);
        Assert.Equal($"/{culture}/countries/iraq", Urls(page).FirstOrDefault());
        Assert.Null(page.QuerySelector(".results a")!.GetAttribute("lang")); // the guide in the reader's language, whatever script was typed
    }

    [Theory]
    [InlineData("Den Haag")]
    [InlineData("The Hague")]
    [InlineData("La Haye")]
    [InlineData("لاهاي")]
    [InlineData("لاهه")]
    public async Task ACityNameInAnyLanguageFindsItsSupportPoint(string name)
    {
        foreach (var culture in ConfiguredCultures.All)
            Assert.Equal($"/{culture}/support-points#den-haag", Urls(await SearchAsync(culture, name)).FirstOrDefault());
    }

    [Theory]
    // Kurdish letters; Arabic kaf (ك) for keheh (ک); heh + zero-width non-joiner for ae (ە); Arabic yeh (ي) for Farsi yeh (ی).
    [InlineData("/ckb/countries/iraq", "هەرێمی کوردستان", "هه\u200cرێمی كوردستان", "هەرێمي کوردستان")]
    // The same word with and without a zero-width non-joiner, and with Arabic yeh.
    [InlineData("/ckb/privacy", "نهێنیپارێزی", "نهێنی\u200cپارێزی", "نهێني\u200cپارێزي")]
    public async Task SoraniSpellingVariantsFindTheSamePage(string expected, params string[] spellings)
    {
        foreach (var words in spellings)
            Assert.True(Urls(await SearchAsync("ckb", words)).FirstOrDefault() == expected, $"'{words}' did not find {expected} first");
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    [InlineData("en")]
    public async Task AnUntranslatedTextIsFoundAsTheDutchSourceAndMarkedAsSuch(string culture)
    {
        var page = await SearchAsync(culture, "laissez-passer paspoort");
        var hit = Assert.Single(page.QuerySelectorAll(".results > li"));
        var link = hit.QuerySelector("a")!;
        Assert.Equal($"/{culture}/reisdocumenten", link.GetAttribute("href"));
        Assert.Equal("nl", link.GetAttribute("lang"));
        Assert.Equal("nl", hit.QuerySelector("p")!.GetAttribute("lang"));
        Assert.Equal(2, hit.QuerySelectorAll(".kind").Length); // its kind, and that it is not yet translated
        Assert.Contains("paspoort", hit.QuerySelector("p mark")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(culture, page.DocumentElement.GetAttribute("lang")); // the page itself stays in the reader's language
    }

    [Fact]
    public async Task TheMatchIsMarkedInTheSnippetAndArabicIsWrittenAsLetters()
    {
        using var client = await app.ReaderAsync();
        var html = await client.GetStringAsync("/ar/search?q=" + Uri.EscapeDataString("العراق"));
        Assert.Contains("<mark>العراق</mark>", html);
        Assert.DoesNotContain("&#x6", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("&#16", html); // Lucene's own HTML encoder would write letters as decimal entities
    }

    [Theory]
    [InlineData("", HttpStatusCode.OK)]
    [InlineData("   ", HttpStatusCode.OK)]
    [InlineData("\"", HttpStatusCode.OK)]
    [InlineData("AND", HttpStatusCode.OK)]
    [InlineData("NOT OR AND", HttpStatusCode.OK)]
    [InlineData("*?~^[]{}()!:/\\", HttpStatusCode.OK)]
    [InlineData("de het een", HttpStatusCode.OK)]
    [InlineData("irak\u0000\u0007", HttpStatusCode.OK)]
    [InlineData("<script>alert(1)</script>", HttpStatusCode.OK)]
    public async Task OddWordsGetAPoliteAnswer(string words, HttpStatusCode expected)
    {
        using var client = await app.ReaderAsync();
        using var response = await client.GetAsync("/nl/search?q=" + Uri.EscapeDataString(words));
        Assert.Equal(expected, response.StatusCode);
        var page = await Html.GetDocumentAsync(response);
        Assert.NotNull(page.QuerySelector("main h1"));
        Assert.Null(page.QuerySelector("main script"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AnAnswerIsCompressedButNotCached()
    {
        using var client = await app.ReaderAsync();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/ckb/search?q=" + Uri.EscapeDataString("عێراق"));
            request.Headers.AcceptEncoding.ParseAdd("br");
            using var response = await client.SendAsync(request);
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.False(response.FromCache()); // made anew: the output cache keeps no answer per query
        }
    }

    [Fact]
    public async Task TooManyWordsGetA400ThatSaysHowMany()
    {
        using var client = await app.ReaderAsync();
        using var response = await client.GetAsync("/fr/search?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("100", (await Html.GetDocumentAsync(response)).QuerySelector("main [role=status]")!.TextContent);
    }

    [Fact]
    public async Task WordsSearchedForNeverReachTheLog()
    {
        using var client = await app.ReaderAsync();
        (await client.GetAsync("/nl/search?q=geheimwoordvoordelog")).EnsureSuccessStatusCode();
        Assert.Contains(app.Log, l => l.Contains("/nl/search", StringComparison.Ordinal)); // the request was logged...
        Assert.DoesNotContain(app.Log, l => l.Contains("geheimwoordvoordelog", StringComparison.OrdinalIgnoreCase)); // ...without its words
    }

    [Fact]
    public async Task APublishedChangeIsFoundWithoutARestart()
    {
        using var client = await app.ReaderAsync();
        Assert.Empty(Urls(await client.GetDocumentAsync("/nl/search?q=zoekproefwoord")));
        var editor = new Actor("editor@example.org", new HashSet<string> { Roles.Editor });
        await app.WithDbAsync(async (db, sp) =>
        {
            var t = await db.ContentTranslations.AsNoTracking().Include(x => x.DraftRevision).SingleAsync(x => x.Item.Key == "partners" && x.Culture == "nl");
            var r = t.DraftRevision!;
            var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(
                new(t.ContentItemId, "nl", t.Version, r.Title, r.Summary, r.BodyMarkdown + "\n\nEen zoekproefwoord.", r.Fields, false, null, null, true), editor);
            Assert.True(saved.Succeeded, saved.Message);
            Assert.True((await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(t.Id, saved.RevisionId!.Value), editor)).Succeeded);
            return 0;
        });

        var watch = Stopwatch.StartNew();
        List<string> found;
        do found = Urls(await client.GetDocumentAsync("/nl/search?q=zoekproefwoord"));
        while (found.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(["/nl/partners"], found);
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => lines.Enqueue(formatter(state, exception) + exception);
        }
    }
}
