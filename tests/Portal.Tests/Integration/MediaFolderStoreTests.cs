using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>A portal whose media files are kept in a folder (Portal:Media:Store = Folder), as for a single node.</summary>
public sealed class FolderStoreApplication(string folder) : PortalApplication
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Media:Store", "Folder");
        builder.UseSetting("Portal:Media:Folder", folder);
    }
}

// Both providers: the rows are still written (with no bytes), and the endpoint reads them.
/// <summary>The folder store: files written there by their SHA-256, served from there, none of their bytes in the database.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaFolderStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-media-").FullName;
    private readonly FolderStoreApplication _app;
    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });

    public MediaFolderStoreTests() => _app = new FolderStoreApplication(_folder);

    [Fact]
    public async Task AnImageAndALeafletAreWrittenToTheFolderServedFromItAndTheDatabaseHoldsNoneOfTheirBytes()
    {
        var pdf = TestPdfs.Make();
        await _app.WithDbAsync(async (_, sp) =>
        {
            var upload = sp.GetRequiredService<UploadMedia.Handler>();
            Assert.True((await upload.HandleAsync(new(null, "haven.jpg", TestImages.Jpeg(700, 500)), Editor)).Result.Succeeded);
            Assert.True((await upload.HandleAsync(new(null, "folder.pdf", pdf, "nl"), Editor)).Result.Succeeded);
            return 0;
        });

        var rows = await _app.WithDbAsync(async (db, _) => (
            Revisions: await db.MediaRevisions.Select(r => new { r.Sha256, Stored = r.Bytes.Length, r.ContentType }).ToListAsync(),
            Variants: await db.MediaVariants.Select(v => new { v.Sha256, Stored = v.Bytes.Length, v.FileName }).ToListAsync()));
        Assert.Equal(2, rows.Revisions.Count);
        Assert.Equal(4, rows.Variants.Count); // 320 and 640 px, WebP and JPEG
        Assert.All(rows.Revisions, r => Assert.Equal(0, r.Stored));
        Assert.All(rows.Variants, v => Assert.Equal(0, v.Stored));
        var written = Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)).ToHashSet();
        Assert.Equal(rows.Revisions.Select(r => r.Sha256).Concat(rows.Variants.Select(v => v.Sha256)).ToHashSet(), written);
        var pdfSha = rows.Revisions.Single(r => r.ContentType == "application/pdf").Sha256;
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(_folder, pdfSha[..2], pdfSha)));

        using var reader = _app.CreateReaderClient();
        using var document = await reader.GetAsync($"/media/folder/{pdfSha[..12]}.pdf");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(pdf, await document.Content.ReadAsByteArrayAsync());
        var variant = rows.Variants.First(v => v.FileName.EndsWith(".webp", StringComparison.Ordinal));
        using var image = await reader.GetAsync($"/media/haven/{variant.FileName}");
        Assert.Equal("image/webp", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_folder, variant.Sha256[..2], variant.Sha256)), await image.Content.ReadAsByteArrayAsync());
    }

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>`backup` with the folder store: the database copy, and the files it names beside it.</summary>
// SQLite only: `backup` is SQLite's online copy (PostgreSQL is pg_dump plus the folder, docs/operations.md#media-files).
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class MediaFolderBackupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-media-backup-").FullName;

    [Fact]
    public async Task ABackupCopiesTheMediaFolderBesideTheDatabase()
    {
        var media = Directory.CreateDirectory(Path.Combine(_dir, "media")).FullName;
        using var app = new FolderStoreApplication(media);
        var pdf = TestPdfs.Make();
        var (result, _) = await app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>()
            .HandleAsync(new(null, "folder.pdf", pdf, "nl"), new Actor("editor@example.org", new HashSet<string> { Roles.Editor })));
        Assert.True(result.Succeeded, result.Message);
        var backup = Path.Combine(_dir, "backups", "portal.db");

        Assert.Equal(0, await Portal.Operations.OperationsCommands.RunAsync(app.Services, ["backup", backup]));

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        Assert.True(File.Exists(backup));
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(backup + ".media", sha[..2], sha)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>A folder store the portal cannot use stops its start, as other configuration faults do.</summary>
// No database: the process stops before opening one.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class MediaStoreSettingTests
{
    [Fact]
    public async Task AMissingFolderStopsTheStartWithOneClearLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"portal-no-such-folder-{Guid.NewGuid():N}");
        var settings = PortalProcess.Settings();
        settings["Portal__Media__Store"] = "Folder";
        settings["Portal__Media__Folder"] = missing;
        var (code, output, error) = await PortalProcess.RunAsync(settings);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"Portal cannot start: Portal:Media:Folder {missing} does not exist; create it (writable by the portal) or use Portal:Media:Store=Database.", error.Trim());
    }

    [Fact]
    public void AnUnknownStoreOrAFolderStoreWithoutItsFolderIsRefused()
    {
        static string Refusal(params (string, string)[] settings) => Assert.Throws<Portal.Data.PortalConfigurationException>(() => MediaStore.FromConfiguration(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Item1, s => (string?)s.Item2)).Build(), "/")).Message;

        Assert.Contains("expected Database (the default) or Folder", Refusal(("Portal:Media:Store", "S3")));
        Assert.Contains("Portal:Media:Folder (Portal__Media__Folder) must name", Refusal(("Portal:Media:Store", "Folder")));
        Assert.Null(MediaStore.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), "/").Folder);
    }
}
