using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Portal.Tests.Support;

/// <summary>The real app on a real PostgreSQL database of its own, created by the app's migrations and dropped afterwards.</summary>
public sealed class PostgresApplication : PortalApplication
{
    public static string? ServerConnectionString => TestTools.PostgresConnection;

    public string Database { get; } = "portal_test_" + Guid.NewGuid().ToString("N")[..12];

    public string PostgresConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString
        ?? throw new InvalidOperationException("PORTAL_TEST_PG is not set: run scripts/test.sh")) { Database = Database }.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Database:Provider", "Postgres");
        builder.UseSetting("Portal:Database:ConnectionString", PostgresConnectionString);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || ServerConnectionString is null) return;
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(ServerConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
