using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Operations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The database step of a start runs beside the server's start (Operations/DatabaseStartup.cs): a reader who arrives
/// before it is over waits and then gets the page, never an error or an empty site; liveness answers at once.
/// </summary>
// SQLite only: the test holds the database file's write lock to keep the step (its migration) waiting.
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public class StartupGateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-gate-").FullName;

    [Fact]
    public async Task AReaderWhoArrivesWhileTheDatabaseIsPreparedWaitsAndGetsThePage()
    {
        var file = Path.Combine(_dir, "portal.db");
        using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand()) { begin.CommandText = "BEGIN IMMEDIATE"; begin.ExecuteNonQuery(); } // the write lock

        using var app = new SqliteFileApplication(file, waitForDatabaseStep: false);
        using var client = app.CreateReaderClient();
        var prepared = app.Services.GetRequiredService<DatabaseStartup>().Prepared;

        var page = client.GetAsync("/nl/countries/guinea");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode); // alive while it migrates
        await Task.Delay(500);
        Assert.False(page.IsCompleted); // held at the gate: the migration is waiting for the lock
        Assert.False(prepared.IsCompleted);

        using (var commit = holder.CreateCommand()) { commit.CommandText = "COMMIT"; commit.ExecuteNonQuery(); }
        using var response = await page.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(prepared.IsCompletedSuccessfully);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Guinee", await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
