using Microsoft.Data.Sqlite;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// A database that cannot serve stops the real process, as an operator starts it, with one line naming the file and the
/// cause and exit code 3, without a stack trace; a file damaged in the middle starts but is not ready.
/// </summary>
// SQLite only: the faults are of a database file (a PostgreSQL server's are the same code path, classified by SQLSTATE).
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class StartupFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-faults").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int Code, string Output, string Error)> StartAsync(string connectionString, params string[] args)
        => PortalProcess.RunAsync(PortalProcess.Settings("Sqlite", connectionString), args);

    private static void AssertStoppedWithOneLine((int Code, string Output, string Error) run, string file, string cause, string what = "start")
    {
        Assert.True(run.Code == 3, $"exit {run.Code}\n{run.Output}\n{run.Error}");
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Portal cannot {what}: the database {file}: {cause}", line);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    [Fact]
    public async Task AFileThatIsNoDatabaseStopsTheStartWithOneLine()
    {
        var file = Path.Combine(_dir, "portal.db");
        await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        AssertStoppedWithOneLine(await StartAsync($"Data Source={file}"), file, "the database file is corrupt");
        // The deploy step and the account commands say the same, in one line (they aborted with exit 134 and a stack trace).
        AssertStoppedWithOneLine(await StartAsync($"Data Source={file}", "migrate"), file, "the database file is corrupt", "run migrate");
        AssertStoppedWithOneLine(await StartAsync($"Data Source={file}", "tokens", "add", "a@example.org", "x"), file, "the database file is corrupt", "run tokens");
    }

    [Fact]
    public async Task AFileThatCannotBeOpenedStopsTheStartWithOneLine()
    {
        var file = Path.Combine(_dir, "a-folder.db");
        Directory.CreateDirectory(file); // as a file the server may not open (the tests run as root, who may open any file)
        AssertStoppedWithOneLine(await StartAsync($"Data Source={file}"), file, "the database file cannot be opened or read");
    }

    [Fact]
    public async Task AReadOnlyDatabaseStopsTheStartAndADamagedOneIsNotReady()
    {
        var file = Path.Combine(_dir, "portal.db");
        var migrated = await StartAsync($"Data Source={file}", "migrate");
        Assert.True(migrated.Code == 0, migrated.Output + migrated.Error);
        SqliteConnection.ClearAllPools();

        // Read-only as SQLite opens it (a read-only mount or file: the tests run as root, whom file modes do not stop).
        var readOnly = await StartAsync($"Data Source={file};Mode=ReadOnly");
        AssertStoppedWithOneLine(readOnly, file, "the database is read-only");
        var verbose = await StartAsync($"Data Source={file};Mode=ReadOnly", "--verbose");
        Assert.Contains("   at ", verbose.Error); // the stack trace, when asked for

        // Damage in the middle of the file (the headers of some b-tree pages): it opens, but quick_check finds it.
        long lastRoot;
        using (var c = new SqliteConnection($"Data Source={file}"))
        {
            c.Open();
            using var checkpoint = c.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)"; // every page in the file itself, none in the WAL
            checkpoint.ExecuteNonQuery();
            // Spare the schema and every table's root page (written by the migrations, before any content): damage there
            // is found by the migrations check at start and stops the process, which the test above already covers.
            using var roots = c.CreateCommand();
            roots.CommandText = "SELECT max(rootpage) FROM sqlite_master";
            lastRoot = Convert.ToInt64(roots.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        SqliteConnection.ClearAllPools();
        using (var f = File.Open(file, FileMode.Open, FileAccess.ReadWrite))
        {
            var pages = f.Length / 4096;
            var first = Math.Max(pages / 3, lastRoot + 1); // offsets count from 0, SQLite's page numbers from 1: all past the last root
            Assert.True(first < pages * 2 / 3, $"no content pages past the schema to damage ({pages} pages, last root {lastRoot})");
            for (var page = first; page < pages * 2 / 3; page++)
            {
                f.Position = page * 4096 + 3;
                f.Write([0xFF, 0xFF, 0xFF]);
            }
        }
        using var app = new SqliteFileApplication(file);
        using var client = app.CreateReaderClient();
        var (status, body, _) = await HealthTests.GetAsync(client, "/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("damaged", body);
    }
}
