using System.Net;
using Npgsql;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>What only a PostgreSQL server shows: a node pointed at a database that does not exist, and the environment variables an operator sets.</summary>
// PostgreSQL only: these need the server itself, not an app's database.
[Trait(TestDatabase.Trait, TestDatabase.PostgreSqlOnly)]
public class PostgreSqlServerTests
{
    [PostgreSqlFact]
    public async Task ReadyIs503WhenThePostgreSqlDatabaseDoesNotExist()
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.Server) { Database = "portal_missing_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
        using var app = new HealthTests.NotMigratedApplication("PostgreSql", cs);
        using var client = app.CreateReaderClient();

        var (status, body, _) = await HealthTests.GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("Unhealthy", body);
        Assert.Equal(HttpStatusCode.OK, (await HealthTests.GetAsync(client, "/health/live")).Status);
    }

    [PostgreSqlFact]
    public async Task TheEnvironmentVariablesSelectPostgreSqlForTheRealProcess()
    {
        var (database, cs) = TestDatabase.NewPostgresDatabase(); // created by the process's own `migrate`
        try
        {
            var (code, output, error) = await PortalProcess.RunAsync(PortalProcess.Settings("PostgreSql", cs), "migrate");
            Assert.True(code == 0, output + error);

            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM \"ContentItems\"", conn);
            Assert.Equal(14L, await cmd.ExecuteScalarAsync()); // created, migrated and seeded on PostgreSQL, not in a SQLite file
        }
        finally
        {
            TestDatabase.DropPostgresDatabase(database, cs);
        }
    }
}
