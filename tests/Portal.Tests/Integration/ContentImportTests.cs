using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Content;
using Portal.Content.Import;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the import writes revisions in one transaction.
/// <summary>Import: idempotent, one transaction, revisions never overwritten, and readers see the result on the next request.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ContentImportTests : IDisposable
{
    // Each test changes the database, so each gets a freshly seeded app of its own.
    private readonly PortalApplication app = new();
    private readonly string _folder = RepoPaths.CopyContent();

    private async Task<ImportResult> ImportAsync(string folder) => await app.WithDbAsync(async (db, sp) =>
    {
        var (files, problems) = sp.GetRequiredService<ContentValidator>().Validate(folder);
        Assert.Empty(problems);
        return await sp.GetRequiredService<ContentImporter>().ImportAsync(files);
    });

    private Task<(int Items, int Translations, int Revisions, int Publications)> CountsAsync() => app.WithDbAsync(async (db, _) =>
        (await db.ContentItems.CountAsync(), await db.ContentTranslations.CountAsync(), await db.ContentRevisions.CountAsync(), await db.ContentPublications.CountAsync()));

    private void Edit(string relative, Func<string, string> change)
    {
        var path = Path.Combine(_folder, relative);
        File.WriteAllText(path, change(File.ReadAllText(path)));
    }

    /// <summary>
    /// The database step runs beside the server's start (Operations/DatabaseStartup.cs), but a failed seed still stops
    /// the start with the file's problem, as before: no reader is served a half-imported site.
    /// </summary>
    [Fact]
    public void AFirstStartWithAMalformedContentFileStopsAndNamesTheFile()
    {
        Edit("pages/privacy.nl.md", _ => "---\ntitle: [unclosed\n---\nBody\n");
        using var broken = new ContentFolderApplication(_folder);
        var ex = Assert.Throws<ContentImportException>(() => broken.CreateClient());
        Assert.Contains("privacy.nl.md", ex.Message);
    }

    [Fact]
    public async Task FirstStartSeededEverythingAndAnImportOfTheSameFilesChangesNothing()
    {
        var before = await CountsAsync();
        Assert.Equal((14, 84, 84, 84), before);

        var first = await ImportAsync(RepoPaths.Content);
        var second = await ImportAsync(RepoPaths.Content);
        Assert.Equal(new ImportResult(0, 0, 0, 84), first);
        Assert.Equal(new ImportResult(0, 0, 0, 84), second);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AChangedFileBecomesANewRevisionAndReadersSeeItOnTheNextRequest()
    {
        using var client = app.CreateReaderClient();
        Assert.DoesNotContain("Nieuwe zin van de redactie.", await client.GetStringAsync("/nl/privacy"));

        Edit("pages/privacy.nl.md", t => t + "\n\nNieuwe zin van de redactie.\n");
        var result = await ImportAsync(_folder);
        Assert.Equal(1, result.RevisionsCreated);

        Assert.Contains("Nieuwe zin van de redactie.", await client.GetStringAsync("/nl/privacy")); // cache evicted
        var revisions = await app.WithDbAsync((db, _) => db.ContentRevisions
            .Where(r => r.Translation.Culture == "nl" && r.Translation.Item.Key == "privacy").OrderBy(r => r.Number)
            .Select(r => new { r.Number, r.IsMajor, r.BodyMarkdown }).ToListAsync());
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.DoesNotContain("Nieuwe zin", revisions[0].BodyMarkdown); // revision 1 untouched
        Assert.False(revisions[1].IsMajor); // same 'updated' date: a minor update, translations stay current
        Assert.DoesNotContain("notice", (await client.GetDocumentAsync("/en/privacy")).QuerySelector("main")!.InnerHtml.Replace("notice subtle", ""));
    }

    [Fact]
    public async Task AMajorSourceUpdateMarksTranslationsOutdatedWithTheDateTheSourceChanged()
    {
        Edit("pages/options.nl.md", t => t.Replace("updated: 2026-11-28", "updated: 2026-12-01").Replace("Eerste publicatie op dit portaal.", "Nieuwe informatie over procedures."));
        await ImportAsync(_folder);

        using var client = app.CreateReaderClient();
        var en = await client.GetDocumentAsync("/en/options");
        var notice = en.QuerySelectorAll(".notice").Select(n => n.TextContent).FirstOrDefault(t => t.Contains("changed", StringComparison.Ordinal));
        Assert.NotNull(notice);
        Assert.Contains(en.QuerySelectorAll(".notice time"), t => t.GetAttribute("datetime") == "2026-12-01");

        var nl = await client.GetDocumentAsync("/nl/options");
        Assert.Empty(nl.QuerySelectorAll(".notice"));
    }

    [Fact]
    public async Task AMissingTranslationShowsTheSourceTextUnderANoticeInTheReadersLanguage()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            var fr = await db.ContentTranslations.SingleAsync(t => t.Culture == "fr" && t.Item.Key == "partners");
            fr.PublishedRevisionId = null; // as if never translated
            return await db.SaveChangesAsync();
        });
        await app.EvictReaderCacheAsync();

        using var client = app.CreateReaderClient();
        using var response = await client.GetAsync("/fr/partners");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Html.GetDocumentAsync(response);
        Assert.Equal("fr", doc.DocumentElement.GetAttribute("lang"));
        Assert.Contains("pas encore traduit", doc.QuerySelector(".notice")!.TextContent);
        Assert.Equal("nl", doc.QuerySelector(".body")!.GetAttribute("lang"));
        Assert.Equal("nl", doc.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.DoesNotContain(doc.QuerySelectorAll("link[hreflang]"), l => l.GetAttribute("hreflang") == "fr");
    }

    [Fact]
    public async Task ABadFileLeavesNothingHalfImported()
    {
        var before = await CountsAsync();
        Edit("pages/about.nl.md", t => t + "\n\nGewijzigd.\n");
        Edit("pages/contact.en.md", t => t.Replace("translated_from: 1", "translated_from: 7"));

        var ex = await Assert.ThrowsAsync<ContentImportException>(() => ImportAsync(_folder));
        var p = Assert.Single(ex.Problems);
        Assert.EndsWith("contact.en.md", p.Path);
        Assert.Contains("no revision 7", p.Message);
        Assert.Equal(before, await CountsAsync()); // about.nl.md's change was rolled back with it
    }

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
