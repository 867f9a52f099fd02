using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Operations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>`backup <file>`: an online copy of the SQLite file while the portal serves readers and editors write.</summary>
// SQLite only: its online backup API (PostgreSQL is backed up with pg_dump, which the command says).
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public class BackupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-backup-").FullName;

    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });

    [Fact]
    public async Task ABackupTakenWhileTheAppServesAndWritesIsCompleteConsistentAndServesAsAPortal()
    {
        var live = Path.Combine(_dir, "portal.db");
        var backup = Path.Combine(_dir, "backups", "portal-backup.db");
        using (var app = new SqliteFileApplication(live))
        {
            using var client = app.CreateReaderClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/nl/privacy")).StatusCode);
            Assert.Equal("wal", await app.WithDbAsync(async (db, _) => await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()) is [var mode] ? mode : null);

            // An editor saves and publishes new revisions, and readers read, for as long as the backup runs.
            using var stop = new CancellationTokenSource();
            var writes = 0;
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested || writes < 5)
                {
                    var n = writes + 1;
                    await app.WithDbAsync(async (db, sp) =>
                    {
                        var t = await db.ContentTranslations.AsNoTracking().Include(x => x.DraftRevision).SingleAsync(x => x.Item.Key == "privacy" && x.Culture == "nl");
                        var r = t.DraftRevision!;
                        var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(new(t.ContentItemId, "nl", t.Version, r.Title, r.Summary,
                            r.BodyMarkdown + $"\n\nWijziging {n}.", r.Fields, false, null, null, true), Editor);
                        Assert.True(saved.Succeeded, saved.Message);
                        return (await sp.GetRequiredService<Publish.Handler>().HandleAsync(new(t.Id, saved.RevisionId!.Value), Editor)).Succeeded;
                    });
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/nl/privacy")).StatusCode);
                    writes = n;
                }
            });
            while (writes < 3) await Task.Delay(10);

            Assert.Equal(0, await OperationsCommands.RunAsync(app.Services, ["backup", backup]));
            var writesAtBackup = writes;
            await stop.CancelAsync();
            await writer;
            Assert.True(writes > writesAtBackup || writes >= 5); // the portal kept writing around the backup
            Assert.Equal(2, await OperationsCommands.RunAsync(app.Services, ["backup", backup])); // never overwrites
        }

        Assert.Equal("ok", await SqliteBackup.IntegrityCheckAsync(backup));
        await using (var conn = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM ContentItems";
            Assert.Equal(14L, await cmd.ExecuteScalarAsync());
            cmd.CommandText = "SELECT count(*) FROM ContentRevisions";
            Assert.True((long)(await cmd.ExecuteScalarAsync())! >= 84 + 3); // the seed and the edits made before it started
        }

        // Restore = start a portal on the copy: it serves the edited page.
        var restored = Path.Combine(_dir, "restored.db");
        File.Copy(backup, restored);
        using var again = new SqliteFileApplication(restored);
        using var reader = again.CreateReaderClient();
        Assert.Contains("Wijziging 3.", await reader.GetStringAsync("/nl/privacy"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
