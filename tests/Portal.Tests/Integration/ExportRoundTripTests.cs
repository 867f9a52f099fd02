using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Content.Import;
using Portal.Operations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// `export` writes content/ files that `import` reads back: edited content exported and imported into an empty database
/// looks the same to readers and API clients, and the untouched seed exports to what content/ says.
/// </summary>
// Every provider: export reads and import writes the app's own database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ExportRoundTripTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-export-" + Guid.NewGuid().ToString("N"));

    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });
    private static readonly Actor Reviewer = new("reviewer@example.org", new HashSet<string> { Roles.SafetyReviewer });
    private static readonly Actor Translator = new("translator@example.org", new HashSet<string> { Roles.Translator });

    private static async Task<int> ExportAsync(PortalApplication app, string folder, bool drafts)
        => await OperationsCommands.RunAsync(app.Services, drafts ? ["export", folder, "--drafts"] : ["export", folder]);

    private static IReadOnlyList<ContentFile> Read(PortalApplication app, string folder)
    {
        var (files, problems) = app.Services.GetRequiredService<ContentValidator>().Validate(folder);
        Assert.Empty(problems);
        return files;
    }

    [Fact]
    public async Task TheUntouchedSeedExportsToWhatContentSays()
    {
        using var app = new PortalApplication();
        Assert.Equal(0, await ExportAsync(app, _folder, drafts: true));

        var shipped = Read(app, RepoPaths.Content).ToDictionary(f => (f.Kind, f.Key, f.Culture));
        var exported = Read(app, _folder);
        Assert.Equal(shipped.Count, exported.Count); // 84: no draft, no older revision in a fresh seed
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var e in exported)
        {
            var s = shipped[(e.Kind, e.Key, e.Culture)];
            Assert.Equal((s.Slug, s.Title, s.Summary, s.Order, s.Updated, s.Reviewed, s.ChangeNote, s.TranslatedFrom, s.HumanReviewed, s.CountryCode, s.Body),
                (e.Slug, e.Title, e.Summary, e.Order, e.Updated, e.Reviewed, e.ChangeNote, e.TranslatedFrom, e.HumanReviewed, e.CountryCode, e.Body));
            Assert.Equal(JsonSerializer.Serialize(s.Fields, json), JsonSerializer.Serialize(e.Fields, json));
            Assert.Equal((1, true, true), (e.Revision, e.Major, e.Publish));
        }
    }

    [Fact]
    public async Task EditedContentExportedAndImportedIntoAnEmptyDatabaseLooksTheSameToReadersAndTheApi()
    {
        using var original = new PortalApplication();

        // A major update of a source text with a change note: every translation of it is now outdated.
        var guideNl = await SaveAsync(original, "guinea", "nl", Editor, r => (r.Title, r.Summary + " Bijgewerkt.", r.BodyMarkdown + "\n\nNieuwe alinea over documenten.", r.Fields), major: true, note: "Nieuwe informatie over documenten.");
        Assert.True((await PublishAsync(original, "guinea", "nl", guideNl, Editor)).Succeeded);
        // A translation of that update, reviewed by a person: English is current again, French stays outdated.
        var guideEn = await SaveAsync(original, "guinea", "en", Translator, r => (r.Title, r.Summary + " Updated.", r.BodyMarkdown + "\n\nA new paragraph about documents.", r.Fields), major: true, note: "New information about documents.", humanReviewed: true);
        Assert.True((await PublishAsync(original, "guinea", "en", guideEn, Translator)).Succeeded);
        // A safety-level change: published only after a second person approves it.
        var safety = await SaveAsync(original, "guinea-safety", "nl", Editor, r => (r.Title, r.Summary, r.BodyMarkdown,
            ((SafetyFields)r.Fields!) with { Legal = ((SafetyFields)r.Fields!).Legal with { Level = SafetyLevel.High, Summary = "Hoog risico." } }), major: true, note: "Juridische veiligheid: hoog.");
        Assert.Equal(EditOutcome.AwaitingApproval, (await PublishAsync(original, "guinea-safety", "nl", safety, Editor)).Outcome);
        Assert.True((await original.WithDbAsync((_, sp) => sp.GetRequiredService<ApproveSafety.Handler>().HandleAsync(new(safety), Reviewer))).Succeeded);
        // An unpublished translation: French readers of the privacy page get the Dutch text.
        Assert.True((await original.WithDbAsync(async (db, sp) => await sp.GetRequiredService<Unpublish.Handler>().HandleAsync(
            new Unpublish.Command(await TranslationIdAsync(db, "privacy", "fr"), Reason: "needs a new translation"), Editor))).Succeeded);
        // A draft nobody published yet.
        await SaveAsync(original, "iraq", "nl", Editor, r => (r.Title, r.Summary, r.BodyMarkdown + "\n\nConcept.", r.Fields), major: false, note: null);

        Assert.Equal(0, await ExportAsync(original, _folder, drafts: true));
        Assert.True(File.Exists(Path.Combine(_folder, "countries", "guinea.nl.r1.md"))); // the source the French text was made from
        Assert.True(File.Exists(Path.Combine(_folder, "pages", "privacy.fr.r1.md"))); // unpublished, kept as a revision
        Assert.False(File.Exists(Path.Combine(_folder, "pages", "privacy.fr.md")));
        Read(original, _folder); // `validate` finds no problem

        using var restored = new ContentFolderApplication(_folder);
        var before = await ReaderViewAsync(original);
        var after = await ReaderViewAsync(restored);
        Assert.Equal(before.Count, after.Count);
        foreach (var (key, value) in before) Assert.Equal((key, value), (key, after[key]));

        // The edits are really in what was compared, and the draft came along without being shown.
        using var client = restored.CreateReaderClient();
        Assert.Contains("Nieuwe alinea over documenten.", await client.GetStringAsync("/api/v1/nl/countries/guinea"));
        Assert.Contains("\"outdated\":true", await client.GetStringAsync("/api/v1/fr/countries/guinea"));
        Assert.Contains("\"outdated\":false", await client.GetStringAsync("/api/v1/en/countries/guinea"));
        Assert.Contains("\"level\":\"high\"", (await client.GetStringAsync("/api/v1/nl/countries/guinea/safety")).ToLowerInvariant());
        Assert.Contains("\"served\":\"nl\"", await client.GetStringAsync("/api/v1/fr/pages/privacy"));
        var (draft, published) = await restored.WithDbAsync(async (db, _) => await db.ContentTranslations.Where(t => t.Item.Key == "iraq" && t.Culture == "nl")
            .Select(t => new Tuple<string, string>(t.DraftRevision!.BodyMarkdown, t.PublishedRevision!.BodyMarkdown)).SingleAsync());
        Assert.EndsWith("Concept.", draft);
        Assert.DoesNotContain("Concept.", published);
    }

    /// <summary>
    /// Everything a reader or an API client can see, per URL: every API answer (lists, items, safety with its history, in
    /// every language, for every slug in every language) with its status and Last-Modified, and the site and country Atom
    /// feeds, plus, per item and language, the published text's projection the reader pages render.
    /// </summary>
    private static async Task<Dictionary<string, string>> ReaderViewAsync(PortalApplication app)
    {
        var view = new Dictionary<string, string>();
        var slugs = await app.WithDbAsync(async (db, _) => await db.ContentTranslations.Select(t => new { t.Kind, t.Slug }).Distinct().ToListAsync());
        var urls = new List<string>();
        foreach (var c in ConfiguredCultures.All)
        {
            urls.AddRange([$"/api/v1/{c}/countries", $"/api/v1/{c}/support-points", $"/api/v1/{c}/stories", $"/api/v1/{c}/pages", $"/{c}/feed.atom"]);
            foreach (var s in slugs)
            {
                urls.AddRange(s.Kind switch
                {
                    ContentKind.CountryGuide => [$"/api/v1/{c}/countries/{s.Slug}", $"/api/v1/{c}/countries/{s.Slug}/safety", $"/{c}/countries/{s.Slug}/feed.atom"],
                    ContentKind.SupportPoint => [$"/api/v1/{c}/support-points/{s.Slug}"],
                    ContentKind.Story => [$"/api/v1/{c}/stories/{s.Slug}"],
                    ContentKind.Page => [$"/api/v1/{c}/pages/{s.Slug}"],
                    _ => [],
                });
            }
        }
        using var client = app.CreateReaderClient();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            view[url] = $"{(int)response.StatusCode} {response.Content.Headers.LastModified:R}\n{await response.Content.ReadAsStringAsync()}";
        }

        var texts = await app.WithDbAsync(async (db, _) => await db.ContentTranslations.Published().SelectText().ToListAsync());
        foreach (var t in texts)
            view[$"text {t.Kind} {t.Key} {t.Culture}"] = JsonSerializer.Serialize(t with { ItemId = 0 });
        var states = await app.WithDbAsync(async (db, _) => await db.ContentTranslations
            .Select(t => new { t.Kind, t.Item.Key, t.Culture, t.Slug, Published = t.PublishedRevisionId != null, t.Item.SortOrder, t.Item.CountryCode }).ToListAsync());
        foreach (var s in states) view[$"state {s.Kind} {s.Key} {s.Culture}"] = s.ToString() ?? "";
        return view;
    }

    private static Task<int> TranslationIdAsync(Portal.Data.PortalDbContext db, string key, string culture)
        => db.ContentTranslations.Where(t => t.Item.Key == key && t.Culture == culture).Select(t => t.Id).SingleAsync();

    private static Task<int> SaveAsync(PortalApplication app, string key, string culture, Actor actor,
        Func<ContentRevision, (string Title, string Summary, string Body, ContentFields? Fields)> change, bool major, string? note, bool humanReviewed = false)
        => app.WithDbAsync(async (db, sp) =>
        {
            var t = await db.ContentTranslations.AsNoTracking().Include(x => x.DraftRevision).SingleAsync(x => x.Item.Key == key && x.Culture == culture);
            var source = await db.ContentTranslations.Where(x => x.ContentItemId == t.ContentItemId && x.Culture == "nl").Select(x => x.PublishedRevisionId).SingleAsync();
            var (title, summary, body, fields) = change(t.DraftRevision!);
            var result = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(
                new(t.ContentItemId, culture, t.Version, title, summary, body, fields, major, note, culture == "nl" ? null : source, humanReviewed), actor);
            Assert.True(result.Succeeded, result.Message);
            return result.RevisionId!.Value;
        });

    private static Task<EditResult> PublishAsync(PortalApplication app, string key, string culture, int revisionId, Actor actor)
        => app.WithDbAsync(async (db, sp) => await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(await TranslationIdAsync(db, key, culture), revisionId), actor));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
