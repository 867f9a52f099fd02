using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Content.Import;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>/health/live and /health/ready as a load balancer and the container's HEALTHCHECK see them.</summary>
// Every provider: readiness asks the app's own database; the SQLite-file case names its provider explicitly.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class HealthTests
{
    /// <summary>A node started with Portal:Database:MigrateOnStart=false, as in a multi-node rollout, on a database of the test's choosing.</summary>
    internal sealed class NotMigratedApplication(string? provider = null, string? connectionString = null) : PortalApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:Database:MigrateOnStart", "false");
            if (provider is not null) builder.UseSetting("Portal:Database:Provider", provider);
            if (connectionString is not null) builder.UseSetting("Portal:Database:ConnectionString", connectionString);
        }
    }

    internal static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static async Task AssertReadyAndLiveAsync(PortalApplication app)
    {
        using var client = app.CreateReaderClient();
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var (status, body, response) = await GetAsync(client, path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Healthy", body.Trim());
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task AMigratedNodeIsLiveAndReadyAndNothingIsCached()
    {
        using var app = new PortalApplication();
        await AssertReadyAndLiveAsync(app);
    }

    [Fact]
    public async Task ReadyIs503WhileAMigrationIsPendingAndTurns200AfterMigrateWithoutACachedAnswer()
    {
        using var app = new NotMigratedApplication(); // a fresh database that nothing migrated
        if (TestDatabase.Provider == TestProvider.PostgreSql) TestDatabase.CreatePostgresDatabase(app.ConnectionString); // empty, as before a first `migrate`
        using var client = app.CreateReaderClient();

        var (status, body, response) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("Unhealthy", body);
        Assert.Contains("migration(s) pending", body);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status); // the process is fine: do not restart it

        await app.Services.MigrateAndSeedAsync(); // what `dotnet Portal.dll migrate` does, as the deploy step
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status); // not an answer from the output cache
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/nl/countries/guinea")).StatusCode);
    }

    /// <summary>A second node on another app's database, with the default settings (it migrates on start).</summary>
    private sealed class SameDatabaseApplication(string connectionString) : PortalApplication(connectionString);

    /// <summary>
    /// The restart after an upgrade: a database one migration behind is brought up to date by a node that migrates on
    /// start. (A start first compares the history table with SchemaVersion.LatestMigration; "current" here would skip it.)
    /// </summary>
    [Fact]
    public async Task ANodeMigratesADatabaseThatIsOneMigrationBehindOnStart()
    {
        using var older = new NotMigratedApplication();
        if (TestDatabase.Provider == TestProvider.PostgreSql) TestDatabase.CreatePostgresDatabase(older.ConnectionString);
        var previous = await older.WithDbAsync(async (db, _) =>
        {
            var id = db.Database.GetMigrations().SkipLast(1).Last();
            await db.GetService<IMigrator>().MigrateAsync(id);
            return id;
        });
        using (var client = older.CreateReaderClient())
            Assert.Contains("1 migration(s) pending", (await GetAsync(client, "/health/ready")).Body);

        using var upgraded = new SameDatabaseApplication(older.ConnectionString);
        await AssertReadyAndLiveAsync(upgraded);
        var applied = await upgraded.WithDbAsync(async (db, _) => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.Equal(await upgraded.WithDbAsync((db, _) => Task.FromResult(db.Database.GetMigrations().ToList())), applied);
        Assert.Contains(previous, applied);
    }

    [Fact]
    public async Task ReadyIs503WhenTheSqliteDatabaseCannotBeOpened()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "portal.db");
        using var app = new NotMigratedApplication("Sqlite", $"Data Source={missing};Mode=ReadWrite");
        using var client = app.CreateReaderClient();

        var (status, body, _) = await GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("database", body);
        Assert.DoesNotContain(missing, body); // the description is ours, not the driver's message with paths or hosts
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status);
    }
}
