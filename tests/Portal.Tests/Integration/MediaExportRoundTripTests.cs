using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Content.Import;
using Portal.Media;
using Portal.Operations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// `export` writes the media library into the content folder (media/&lt;key&gt;/media.yaml beside the file) and `import`
/// reads it back byte for byte, with the checks of an upload: what readers are served is the same after a restore.
/// </summary>
// Every provider: the files are stored in the database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaExportRoundTripTests : IDisposable
{
    private readonly string _first = Path.Combine(Path.GetTempPath(), "portal-media-export-" + Guid.NewGuid().ToString("N"));
    private readonly string _second = Path.Combine(Path.GetTempPath(), "portal-media-export-" + Guid.NewGuid().ToString("N"));
    private readonly string _third = Path.Combine(Path.GetTempPath(), "portal-media-export-" + Guid.NewGuid().ToString("N"));

    /// <summary>Two folder stores (<c>Portal:Media:Folder</c>), made by the tests that use them.</summary>
    private readonly string _store = Path.Combine(Path.GetTempPath(), "portal-media-store-" + Guid.NewGuid().ToString("N"));
    private readonly string _storeAgain = Path.Combine(Path.GetTempPath(), "portal-media-store-" + Guid.NewGuid().ToString("N"));

    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });
    private static readonly Actor Translator = new("translator@example.org", new HashSet<string> { Roles.Translator });

    private static async Task UploadAsync(PortalApplication app, string name, byte[] bytes, string? key = null, string? culture = null)
        => Assert.True((await app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(key, name, bytes, culture), Editor))).Result.Succeeded);

    /// <summary>A leaflet's Dutch file as replaced (the newest one is exported), its Arabic file, and titles in both.</summary>
    private static readonly byte[] DutchLeaflet = TestPdfs.Make(info: "/Author (Jan Jansen)", text: "Terugkeer, tweede druk");
    private static readonly byte[] ArabicLeaflet = TestPdfs.Make(text: "Awda");

    private static async Task FillDocumentsAsync(PortalApplication app)
    {
        await UploadAsync(app, "Folder terugkeer.pdf", TestPdfs.Make(), culture: "nl");
        await UploadAsync(app, "Folder terugkeer.pdf", ArabicLeaflet, "folder-terugkeer", "ar");
        await UploadAsync(app, "Folder terugkeer.pdf", DutchLeaflet, "folder-terugkeer", "nl");
        await AltAsync(app, "folder-terugkeer", "nl", "Folder over terugkeer", Editor);
        await AltAsync(app, "folder-terugkeer", "ar", "نشرة عن العودة", Translator);
    }

    /// <summary>
    /// A portal on either store, filled from a content folder on its first start when one is given; its own copy of the
    /// videos it serves (<see cref="VideoFileCache"/>), so what it serves comes from its own database.
    /// </summary>
    private sealed class StoreApplication(string? content, string? mediaFolder) : PortalApplication
    {
        private readonly string _videos = Path.Combine(Path.GetTempPath(), $"portal-video-cache-{Guid.NewGuid():N}");

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:Media:CacheFolder", _videos);
            if (content is not null) builder.UseSetting("Portal:ContentPath", content);
            if (mediaFolder is null) return;
            builder.UseSetting("Portal:Media:Store", "Folder");
            builder.UseSetting("Portal:Media:Folder", mediaFolder);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(_videos)) Directory.Delete(_videos, recursive: true);
        }
    }

    private const string DutchVtt = "WEBVTT\n\n00:00.000 --> 00:00.500\nJe kunt kiezen.\n\n00:00.500 --> 00:01.000\nPraat met een <i>adviseur</i>.\n";
    private const string ArabicVtt = "WEBVTT\n\n00:00.000 --> 00:00.500\nيمكنك أن تختار.\n\n00:00.500 --> 00:01.000\nتحدّث مع مستشار.\n";

    private static async Task TextAsync(PortalApplication app, MediaTextKind kind, string culture, string text, Actor actor)
    {
        var result = await app.WithDbAsync((_, sp) => sp.GetRequiredService<MediaTexts.Handler>().HandleAsync(new("terugkeer", kind, culture, text), actor));
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>
    /// A video with its poster, Dutch subtitles changed once after the Arabic ones were made (so those are outdated), a
    /// transcript in both, shown on the Dutch and Arabic privacy pages.
    /// </summary>
    private static async Task FillVideoAsync(PortalApplication app, byte[] mp4)
    {
        await UploadAsync(app, "terugkeer-poster.jpg", TestImages.Jpeg(800, 600));
        var (video, _) = await app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadVideo.Handler>().HandleAsync(new(null, "Terugkeer.mp4", "video/mp4", new MemoryStream(mp4), "terugkeer-poster"), Editor));
        Assert.True(video.Succeeded, video.Message);
        await TextAsync(app, MediaTextKind.Subtitles, "nl", DutchVtt, Editor);
        await TextAsync(app, MediaTextKind.Subtitles, "ar", ArabicVtt, Translator);
        await TextAsync(app, MediaTextKind.Subtitles, "nl", DutchVtt.Replace("Je kunt kiezen.", "Jij kiest."), Editor);
        await TextAsync(app, MediaTextKind.Transcript, "nl", "Jij kiest.\n\nPraat met een adviseur.", Editor);
        await TextAsync(app, MediaTextKind.Transcript, "ar", "يمكنك أن تختار.", Translator);
        await app.PublishAppendedAsync("privacy", "nl", "\n\n![[media:terugkeer]]", Editor);
        await app.PublishAppendedAsync("privacy", "ar", "\n\n![[media:terugkeer]]", Editor);
    }

    /// <summary>Every version of every subtitle and transcript with what its state rests on.</summary>
    private static Task<List<string>> TextRowsAsync(PortalApplication app) => app.WithDbAsync(async (db, _) =>
        (await db.MediaTexts.Select(t => new { t.Kind, t.Culture, t.Version, t.SourceVersion, t.Sha256, t.UpdatedAt }).ToListAsync())
            .Select(t => $"{t.Kind} {t.Culture} v{t.Version} from {t.SourceVersion} {t.Sha256} {t.UpdatedAt.ToUnixTimeMilliseconds()}").Order(StringComparer.Ordinal).ToList());

    private static void AssertSameFiles(string before, string after)
    {
        var a = Files(before);
        var b = Files(after);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs after the round trip");
    }

    private static async Task AltAsync(PortalApplication app, string key, string culture, string text, Actor actor)
        => Assert.True((await app.WithDbAsync((_, sp) => sp.GetRequiredService<AltTexts.Handler>().HandleAsync(new(key, culture, text), actor))).Succeeded);

    /// <summary>A library with each image format, a replaced file, alt texts current and outdated, a retired item, and a published page showing a photo.</summary>
    private static async Task FillAsync(PortalApplication app)
    {
        await UploadAsync(app, "Mazan portret.jpg", TestImages.JpegWithGps(1600, 1200));
        await UploadAsync(app, "kaart.png", TestImages.Png(800, 400));
        Assert.True((await app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new("kaart", "kaart.png", TestImages.Png(700, 300)), Editor))).Result.Succeeded);
        await UploadAsync(app, "folder.webp", TestImages.Webp(500, 500));
        await AltAsync(app, "mazan-portret", "nl", "Mazan bij zijn huis", Editor);
        await AltAsync(app, "mazan-portret", "ar", "مازن أمام بيته", Translator);
        await AltAsync(app, "mazan-portret", "en", "Mazan at his house", Translator);
        await AltAsync(app, "mazan-portret", "nl", "Mazan voor zijn huis", Editor); // the Arabic and English texts are now outdated
        await AltAsync(app, "mazan-portret", "en", "Mazan in front of his house", Translator); // English current again
        await AltAsync(app, "kaart", "nl", "Kaart: \"routes\" naar huis\nen terug", Editor);
        Assert.True((await app.WithDbAsync((_, sp) => sp.GetRequiredService<RetireMedia.Handler>().HandleAsync(new("folder"), Editor))).Succeeded);

        await app.PublishAppendedAsync("privacy", "nl", "\n\n![[media:mazan-portret]]", Editor);
    }

    private static Task<List<(string Url, string File)>> VariantsAsync(PortalApplication app) => app.WithDbAsync(async (db, _) =>
        (await db.MediaVariants.Select(v => new { Key = db.MediaItems.Single(i => i.Id == v.Revision.MediaItemId).Key, v.FileName, Current = db.MediaItems.Any(i => i.CurrentRevisionId == v.RevisionId) })
            .Where(v => v.Current).ToListAsync()).Select(v => ($"/media/{v.Key}/{v.FileName}", v.FileName)).OrderBy(v => v.Item1, StringComparer.Ordinal).ToList());

    private static Dictionary<string, byte[]> Files(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);

    [Fact]
    public async Task EveryFileAndEveryServedCopyIsTheSameAfterExportImportIntoAnEmptyDatabaseAndExportAgain()
    {
        using var original = new PortalApplication();
        await FillAsync(original);
        Assert.Equal(0, await OperationsCommands.RunAsync(original.Services, ["export", _first]));

        // The item's file as stored (no GPS), and media.yaml with every language's alt text and the version it was made from.
        var photo = await File.ReadAllBytesAsync(Path.Combine(_first, "media", "mazan-portret", "image.jpg"));
        Assert.Null(TestImages.Gps(photo));
        var yaml = await File.ReadAllTextAsync(Path.Combine(_first, "media", "mazan-portret", "media.yaml"));
        Assert.Contains("kind: image", yaml);
        Assert.Contains("file: image.jpg", yaml);
        Assert.Contains("content_type: image/jpeg", yaml);
        Assert.Matches(@"ar:\n    text: مازن أمام بيته\n    version: 1\n    translated_from: 1\n", yaml);
        Assert.Matches(@"en:\n    text: Mazan in front of his house\n    version: 2\n    translated_from: 2\n", yaml);
        Assert.Contains("retired: ", await File.ReadAllTextAsync(Path.Combine(_first, "media", "folder", "media.yaml")));
        Assert.Equal(["image.png", "media.yaml"], Directory.EnumerateFiles(Path.Combine(_first, "media", "kaart")).Select(Path.GetFileName).Order());
        var (_, media, problems) = original.Services.GetRequiredService<ContentValidator>().Validate(_first);
        Assert.Empty(problems);
        Assert.Equal(3, media.Count);

        using var restored = new ContentFolderApplication(_first); // an empty database, filled from the export on its first start
        Assert.Equal(0, await OperationsCommands.RunAsync(restored.Services, ["export", _second]));

        var before = Files(_first);
        var after = Files(_second);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[path]), $"{path} differs after the round trip");

        // Readers get the same bytes at the same addresses, and the page that shows the photo is the same.
        var variants = await VariantsAsync(original);
        Assert.Equal(variants, await VariantsAsync(restored));
        Assert.Equal(6 + 4 + 2, variants.Count); // 320/640/1280 px, 320/640 px and 320 px, each WebP and JPEG
        using var a = original.CreateReaderClient();
        using var b = restored.CreateReaderClient();
        foreach (var (url, _) in variants)
        {
            var served = await a.GetByteArrayAsync(url);
            var servedAgain = await b.GetByteArrayAsync(url);
            Assert.True(served.AsSpan().SequenceEqual(servedAgain), $"{url} differs after the round trip");
        }
        var page = await a.GetStringAsync("/nl/privacy");
        Assert.Contains("/media/mazan-portret/", page);
        Assert.Equal(page, await b.GetStringAsync("/nl/privacy"));
    }

    [Fact]
    public async Task AFileThatFailsAnUploadCheckIsRefusedWithItsPathAndNothingIsImported()
    {
        using var original = new PortalApplication();
        await FillAsync(original);
        Assert.Equal(0, await OperationsCommands.RunAsync(original.Services, ["export", _first]));
        var validator = original.Services.GetRequiredService<ContentValidator>();

        // A PDF put in place of the photo, a photo carrying GPS, a changed file: each named with its path.
        var photo = Path.Combine(_first, "media", "mazan-portret", "image.jpg");
        var kept = await File.ReadAllBytesAsync(photo);
        await File.WriteAllBytesAsync(photo, "%PDF-1.7\n%%EOF"u8.ToArray());
        var problem = Assert.Single(validator.Validate(_first).Problems);
        Assert.Equal(Path.GetFullPath(photo), Path.GetFullPath(problem.Path));
        Assert.Equal(0, problem.Line);
        Assert.Contains("PDF", problem.Message);
        await File.WriteAllBytesAsync(photo, TestImages.JpegWithGps(600, 400));
        Assert.Contains("metadata (EXIF or XMP)", Assert.Single(validator.Validate(_first).Problems).Message);
        await File.WriteAllBytesAsync(photo, TestImages.Jpeg(600, 400)[..^100]); // cut off, and not what sha256 says either
        Assert.NotEmpty(validator.Validate(_first).Problems);

        await AssertNothingImportedAsync(validator, photo, kept, TestImages.JpegWithGps(600, 400));
    }

    /// <summary>
    /// `import` refuses the folder (whose <paramref name="file"/> is bad) as a whole; and the file made <paramref name="good"/>
    /// again, passing validate, then <paramref name="changed"/> before import, is checked again as it is read and the whole
    /// import rolled back: no media item, no subtitle, no text of the folder reaches the database.
    /// </summary>
    private async Task AssertNothingImportedAsync(ContentValidator validator, string file, byte[] good, byte[] changed)
    {
        using var empty = new PortalApplication();
        var revisionsBefore = await empty.WithDbAsync((db, _) => db.ContentRevisions.CountAsync());
        Assert.Equal(1, await ContentCommands.RunAsync(empty.Services, ["import", _first]));

        await File.WriteAllBytesAsync(file, good);
        var read = validator.Validate(_first);
        Assert.Empty(read.Problems);
        await File.WriteAllBytesAsync(file, changed);
        var failed = await Assert.ThrowsAsync<ContentImportException>(() => empty.WithDbAsync((_, sp) => sp.GetRequiredService<ContentImporter>().ImportAsync(read.Files, read.Media)));
        Assert.Contains(failed.Problems, p => Path.GetFullPath(p.Path) == Path.GetFullPath(file));
        Assert.Equal((0, 0, revisionsBefore), await empty.WithDbAsync(async (db, _) => (await db.MediaItems.CountAsync(), await db.MediaTexts.CountAsync(), await db.ContentRevisions.CountAsync())));
    }

    [Fact]
    public async Task ImportingAChangedAltTextIntoTheSameDatabaseShowsItOnThePublishedPageThatShowsThePhoto()
    {
        using var app = new PortalApplication();
        await FillAsync(app);
        Assert.Equal(0, await OperationsCommands.RunAsync(app.Services, ["export", _first]));
        using var reader = app.CreateReaderClient();
        Assert.Contains("alt=\"Mazan voor zijn huis\"", await reader.GetStringAsync("/nl/privacy")); // now cached

        var yaml = Path.Combine(_first, "media", "mazan-portret", "media.yaml");
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml)).Replace("text: Mazan voor zijn huis\n    version: 2", "text: Mazan voor zijn huis in Erbil\n    version: 3"));
        Assert.Equal(0, await ContentCommands.RunAsync(app.Services, ["import", _first]));

        Assert.Contains("alt=\"Mazan voor zijn huis in Erbil\"", await reader.GetStringAsync("/nl/privacy"));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.MediaRevisions.CountAsync(r => db.MediaItems.Any(i => i.Key == "mazan-portret" && i.Id == r.MediaItemId)))); // same file: no new revision
    }

    [Fact]
    public async Task EachLanguagesNewestLeafletAndItsTitlesComeBackByteForByteWithTheirStates()
    {
        using var original = new PortalApplication();
        await FillDocumentsAsync(original);
        Assert.Equal(0, await OperationsCommands.RunAsync(original.Services, ["export", _first]));

        var dir = Path.Combine(_first, "media", "folder-terugkeer");
        Assert.Equal(["document.ar.pdf", "document.nl.pdf", "media.yaml"], Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(DutchLeaflet, await File.ReadAllBytesAsync(Path.Combine(dir, "document.nl.pdf")));
        Assert.Equal(ArabicLeaflet, await File.ReadAllBytesAsync(Path.Combine(dir, "document.ar.pdf")));
        var yaml = await File.ReadAllTextAsync(Path.Combine(dir, "media.yaml"));
        Assert.Contains("kind: document", yaml);
        Assert.Matches(@"title:\n  nl:\n    text: Folder over terugkeer\n    version: 1\n  ar:\n    text: نشرة عن العودة\n    version: 1\n    translated_from: 1\n", yaml);

        using var restored = new ContentFolderApplication(_first);
        Assert.Equal(0, await OperationsCommands.RunAsync(restored.Services, ["export", _second]));
        AssertSameFiles(_first, _second);
        // The author metadata is named again for the editor, and readers download the same files at the same addresses.
        var files = await restored.WithDbAsync((db, _) => db.MediaRevisions.OrderBy(r => r.Culture).Select(r => new { r.Culture, r.MetadataFields, r.Sha256 }).ToListAsync());
        Assert.Equal([("ar", null), ("nl", "Author")], files.Select(f => (f.Culture, f.MetadataFields)));
        using var reader = restored.CreateReaderClient();
        foreach (var (culture, bytes) in new[] { ("nl", DutchLeaflet), ("ar", ArabicLeaflet) })
            Assert.Equal(bytes, await reader.GetByteArrayAsync($"/media/folder-terugkeer/{files.Single(f => f.Culture == culture).Sha256[..12]}.pdf"));

        // A leaflet that would be refused as an upload is refused by validate and by import, with its path; nothing is imported.
        var arabic = Path.Combine(dir, "document.ar.pdf");
        await File.WriteAllBytesAsync(arabic, TestPdfs.Make(catalog: "/OpenAction 7 0 R", objects: ["<< /S /JavaScript /JS (app.launchURL\\('x'\\)) >>"]));
        var problem = Assert.Single(original.Services.GetRequiredService<ContentValidator>().Validate(_first).Problems);
        Assert.Equal((Path.GetFullPath(arabic), 0), (Path.GetFullPath(problem.Path), problem.Line));
        Assert.Contains("JavaScript", problem.Message);
        using var empty = new PortalApplication();
        Assert.Equal(1, await ContentCommands.RunAsync(empty.Services, ["import", _first]));
        Assert.Equal(0, await empty.WithDbAsync((db, _) => db.MediaItems.CountAsync()));
    }

    [Fact]
    public async Task AnExportFromTheFolderStoreImportsIntoTheDatabaseStoreAndBackWithEveryFileTheSame()
    {
        Directory.CreateDirectory(_store);
        Directory.CreateDirectory(_storeAgain);
        using (var onFolder = new StoreApplication(null, _store))
        {
            await FillAsync(onFolder);
            await FillDocumentsAsync(onFolder);
            Assert.DoesNotContain(await onFolder.WithDbAsync((db, _) => db.MediaRevisions.Select(r => r.Bytes.Length).ToListAsync()), l => l > 0);
            Assert.Equal(0, await OperationsCommands.RunAsync(onFolder.Services, ["export", _first]));
        }
        Assert.Equal(DutchLeaflet, await File.ReadAllBytesAsync(Path.Combine(_first, "media", "folder-terugkeer", "document.nl.pdf")));

        // Into the database store: the rows hold the bytes.
        using (var onDatabase = new StoreApplication(_first, null))
        {
            Assert.DoesNotContain(await onDatabase.WithDbAsync((db, _) => db.MediaRevisions.Select(r => r.Bytes.Length).ToListAsync()), l => l == 0);
            Assert.Equal(0, await OperationsCommands.RunAsync(onDatabase.Services, ["export", _second]));
        }
        AssertSameFiles(_first, _second);

        // And back into a folder store: the folder holds every file and every copy by its SHA-256, the rows none.
        using (var again = new StoreApplication(_second, _storeAgain))
        {
            var hashes = await again.WithDbAsync(async (db, _) =>
            {
                Assert.DoesNotContain((await db.MediaRevisions.Select(r => r.Bytes.Length).ToListAsync()).Concat(await db.MediaVariants.Select(v => v.Bytes.Length).ToListAsync()), l => l > 0);
                return (await db.MediaRevisions.Select(r => r.Sha256).ToListAsync()).Concat(await db.MediaVariants.Select(v => v.Sha256).ToListAsync()).ToList();
            });
            Assert.All(hashes, h => Assert.True(File.Exists(Path.Combine(_storeAgain, h[..2], h)), $"{h} is not in the folder"));
            Assert.Equal(0, await OperationsCommands.RunAsync(again.Services, ["export", _third]));
        }
        AssertSameFiles(_first, _third);
    }

    [FfmpegFact]
    public async Task AVideoItsPosterSubtitlesAndTranscriptsComeBackByteForByteThroughBothStoresAndTheArabicPageKeepsItsTrack()
    {
        var mp4 = await TestVideos.Mp4();
        Directory.CreateDirectory(_store);
        Directory.CreateDirectory(_storeAgain);
        using var original = new StoreApplication(null, _store);
        await FillVideoAsync(original, mp4);
        Assert.Equal(0, await OperationsCommands.RunAsync(original.Services, ["export", _first]));

        // The file as uploaded, every version of each text in its own file, and media.yaml naming them with their states.
        var dir = Path.Combine(_first, "media", "terugkeer");
        Assert.Equal(["media.yaml", "subtitles.ar.vtt", "subtitles.nl.v1.vtt", "subtitles.nl.vtt", "transcript.ar.txt", "transcript.nl.txt", "video.mp4"],
            Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(mp4, await File.ReadAllBytesAsync(Path.Combine(dir, "video.mp4")));
        Assert.Equal(ArabicVtt, await File.ReadAllTextAsync(Path.Combine(dir, "subtitles.ar.vtt")));
        var yaml = await File.ReadAllTextAsync(Path.Combine(dir, "media.yaml"));
        Assert.Contains("kind: video\n", yaml);
        Assert.Contains("file: video.mp4\ncontent_type: video/mp4\n", yaml);
        Assert.Contains("poster: terugkeer-poster\n", yaml);
        Assert.Matches(@"subtitles:\n  nl:\n  - file: subtitles\.nl\.v1\.vtt\n    version: 1\n    updated: [^\n]+\n  - file: subtitles\.nl\.vtt\n    version: 2\n", yaml);
        Assert.Matches(@"  ar:\n  - file: subtitles\.ar\.vtt\n    version: 1\n    translated_from: 1\n", yaml);
        var (_, media, problems) = original.Services.GetRequiredService<ContentValidator>().Validate(_first);
        Assert.Empty(problems);
        Assert.Equal(5, Assert.Single(media, m => m.Kind == MediaKind.Video).Texts!.Count);

        // Into an empty database on the database store, and back out: every file the same.
        using var restored = new StoreApplication(_first, null);
        Assert.Equal(0, await OperationsCommands.RunAsync(restored.Services, ["export", _second]));
        AssertSameFiles(_first, _second);
        Assert.Equal(await TextRowsAsync(original), await TextRowsAsync(restored)); // translators see the same states (the Arabic subtitles outdated)
        Assert.Equal(0, await ContentCommands.RunAsync(restored.Services, ["import", _first])); // again: every version is there already, nothing added
        Assert.Equal(await TextRowsAsync(original), await TextRowsAsync(restored));
        Assert.Equal(1, await restored.WithDbAsync((db, _) => db.MediaRevisions.CountAsync(r => db.MediaItems.Any(i => i.Key == "terugkeer" && i.Id == r.MediaItemId))));

        // Readers get the same video bytes, from the restored database, and the same Arabic page with its Arabic track first.
        using var a = original.CreateReaderClient();
        using var b = restored.CreateReaderClient();
        var page = await a.GetStringAsync("/ar/privacy");
        Assert.Equal(page, await b.GetStringAsync("/ar/privacy"));
        var video = (await b.GetDocumentAsync("/ar/privacy")).QuerySelector("main figure.video video")!;
        Assert.Equal("ar", video.QuerySelector("track[default]")!.GetAttribute("srclang"));
        Assert.Equal(ArabicVtt, await b.GetStringAsync(video.QuerySelector("track[srclang=ar]")!.GetAttribute("src")));
        var src = video.QuerySelector("source")!.GetAttribute("src")!;
        Assert.Equal(mp4, await b.GetByteArrayAsync(src));
        Assert.Equal(mp4, await a.GetByteArrayAsync(src));

        // And into a folder store again.
        using var again = new StoreApplication(_second, _storeAgain);
        Assert.Equal(0, await OperationsCommands.RunAsync(again.Services, ["export", _third]));
        AssertSameFiles(_first, _third);
    }

    [FfmpegFact]
    public async Task ABrokenSubtitleFileOrAVideoThatIsNotWhatItsNameSaysIsRefusedWithItsPathAndNothingIsImported()
    {
        var mp4 = await TestVideos.Mp4();
        using var original = new StoreApplication(null, null);
        await FillVideoAsync(original, mp4);
        Assert.Equal(0, await OperationsCommands.RunAsync(original.Services, ["export", _first]));
        var validator = original.Services.GetRequiredService<ContentValidator>();
        var dir = Path.Combine(_first, "media", "terugkeer");

        // Subtitles with a script, checked as the workspace checks them: the file and the line of the cue are named.
        var arabic = Path.Combine(dir, "subtitles.ar.vtt");
        await File.WriteAllTextAsync(arabic, ArabicVtt.Replace("تحدّث", "<script>alert(1)</script>"));
        var problem = Assert.Single(validator.Validate(_first).Problems);
        Assert.Equal((Path.GetFullPath(arabic), 0), (Path.GetFullPath(problem.Path), problem.Line));
        Assert.Contains("<script>", problem.Message);
        await File.WriteAllTextAsync(arabic, ArabicVtt);

        // A WebM put in place of the MP4, then the MP4 cut off: each refused as an upload is, with the video's path.
        var file = Path.Combine(dir, "video.mp4");
        await File.WriteAllBytesAsync(file, await TestVideos.WebM());
        problem = Assert.Single(validator.Validate(_first).Problems);
        Assert.Equal((Path.GetFullPath(file), 0), (Path.GetFullPath(problem.Path), problem.Line));
        Assert.Contains("WebM", problem.Message);
        await File.WriteAllBytesAsync(file, mp4[..(mp4.Length / 2)]);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(Assert.Single(validator.Validate(_first).Problems).Path));

        await AssertNothingImportedAsync(validator, file, mp4, mp4[..^10]);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _first, _second, _third, _store, _storeAgain })
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
