using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The real app's first start on an empty database migrates and seeds in a short-lived `migrate` child process
/// (Operations/MigrateChildProcess.cs): the serving process never loads the import's libraries, a restart starts no
/// child, and a content folder the seed cannot read still stops the start with the file's problem and no stack trace.
/// </summary>
// Both providers: the child migrates and seeds this run's database, and the parent checks it with plain SQL.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class FirstStartChildProcessTests : IDisposable
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(120); // a cold start and a seed on a loaded 2-core machine
    private const string ChildLine = "Migrating and seeding the database in a child process";
    private readonly ProcessDatabase _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>Only the import reads Markdown, sanitizes HTML and parses it: none of them may be mapped in the server.</summary>
    private static readonly string[] ImportOnly = ["AngleSharp.dll", "AngleSharp.Css.dll", "HtmlSanitizer.dll", "Markdig.dll"];

    [Fact]
    public async Task AFirstStartServesTheSeededContentWithoutTheImportsLibrariesAndARestartStartsNoChild()
    {
        using (var first = await PortalProcess.StartServerAsync(PortalProcess.Settings(_db), Start))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            using var page = await client.GetAsync("/nl/countries/guinea");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Guinee", await page.Content.ReadAsStringAsync());
            Assert.Contains(ChildLine, first.Output);
            Assert.Contains("migrate: ", first.Output); // the child's lines, relayed to the server's log

            var maps = await File.ReadAllTextAsync($"/proc/{first.Process.Id}/maps");
            Assert.Contains("Portal.dll", maps); // the file lists the server's assemblies
            foreach (var library in ImportOnly) Assert.DoesNotContain(library, maps);
        }

        using var restart = await PortalProcess.StartServerAsync(PortalProcess.Settings(_db), Start);
        using var again = new HttpClient { BaseAddress = restart.Address };
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/en/privacy")).StatusCode);
        Assert.DoesNotContain(ChildLine, restart.Output);
    }

    /// <summary>
    /// Two nodes started at once on one empty database (created by the operator, as for a first `migrate`): they take turns
    /// (an advisory lock), so one child migrates and seeds, and both nodes serve the content, imported once.
    /// </summary>
    [PostgreSqlFact]
    public async Task TwoNodesStartingAtOnceOnAnEmptyDatabaseImportTheContentOnceAndBothServe()
    {
        TestDatabase.CreatePostgresDatabase(_db.ConnectionString);
        var starting = new[] { PortalProcess.StartServerAsync(PortalProcess.Settings(_db), Start), PortalProcess.StartServerAsync(PortalProcess.Settings(_db), Start) };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            foreach (var node in starting.Where(t => t.IsCompletedSuccessfully)) node.Result.Dispose();
        }
        // One child migrated and seeded; the other node waited for its turn (or came later) and found the work done.
        Assert.Equal(1, starting.Count(node => node.Result.Output.Contains(ChildLine, StringComparison.Ordinal)));

        await using var connection = new Npgsql.NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "ContentItems" """, connection);
        Assert.Equal(14L, await count.ExecuteScalarAsync());
    }

    /// <summary>A node that waits longer than Portal:Database:SeedTimeoutSeconds for its turn (another node holds it) stops and says so.</summary>
    [PostgreSqlFact]
    public async Task AFirstStartThatWaitsLongerThanItsTimeoutStopsAndSaysWhy()
    {
        TestDatabase.CreatePostgresDatabase(_db.ConnectionString);
        await using var other = new Npgsql.NpgsqlConnection(_db.ConnectionString); // as a node whose child is still seeding
        await other.OpenAsync();
        await using (var turn = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({0x506F7274616C})", other)) // MigrateChildProcess.TurnLock
            await turn.ExecuteNonQueryAsync();
        var settings = PortalProcess.Settings(_db);
        settings["Portal__Database__SeedTimeoutSeconds"] = "5";
        var (code, output, error) = await PortalProcess.RunAsync(settings);
        Assert.True(code == 3, $"exit {code}\n{output}\n{error}");
        Assert.StartsWith("Portal cannot start: migrating and seeding (`migrate` in a child process, or another node's on this database) did not finish within 5 s", error);
    }

    [Fact]
    public async Task AFirstStartWithAMalformedContentFileStopsWithTheFilesProblemAndNoStackTrace()
    {
        var content = RepoPaths.CopyContent();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(content, "pages", "privacy.nl.md"), "---\ntitle: [unclosed\n---\nBody\n");
            // On the command line, over the environment's good folder: the child must get the start's arguments too.
            var (code, output, error) = await PortalProcess.RunAsync(PortalProcess.Settings(_db), $"--Portal:ContentPath={content}");
            Assert.True(code == 1, $"exit {code}\n{output}\n{error}");
            Assert.StartsWith("Portal cannot start: The content could not be imported:", error);
            Assert.Contains("privacy.nl.md", error);
            Assert.DoesNotContain("   at ", output + error);
        }
        finally
        {
            Directory.Delete(content, recursive: true);
        }
    }
}
