using Npgsql;

namespace Portal.Tests.Support;

public enum TestProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The database every app in this test run uses: PORTAL_TEST_PROVIDER=Sqlite (default) or PostgreSql. scripts/test.sh
/// runs the suite once per provider. On PostgreSQL each app gets a fresh database of its own on the server in
/// PORTAL_TEST_PG (created by the app's own migrations, as on a first start) and drops it when disposed.
/// <para>
/// Every test class says which passes it runs in with <c>[Trait(TestDatabase.Trait, ...)]</c> and a comment saying why:
/// <see cref="EveryProvider"/> (it touches the database), <see cref="None"/> (it never does), or
/// <see cref="SqliteOnly"/>/<see cref="PostgreSqlOnly"/>; scripts/test.sh's SQLite pass runs
/// `--filter Database!=PostgreSqlOnly`, its PostgreSQL pass `Database=EveryProvider|Database=PostgreSqlOnly`. The tag is positive because the xunit adapter's "!=" filter
/// does not match tests without the trait; DatabaseProviderTests fails for a class without one, so a new class cannot
/// silently miss the PostgreSQL pass.
/// </para>
/// </summary>
public static class TestDatabase
{
    public const string Trait = "Database";

    /// <summary>The class touches the database: it runs once per provider.</summary>
    public const string EveryProvider = "EveryProvider";

    /// <summary>The class never opens a database (pure units, files, design-time model checks): one pass is enough.</summary>
    public const string None = "None";

    /// <summary>The class tests what only SQLite has (its online backup API): the SQLite pass only.</summary>
    public const string SqliteOnly = "SqliteOnly";

    /// <summary>
    /// The class tests what only a PostgreSQL server has (LISTEN/NOTIFY between web nodes, a missing database on a
    /// server): the PostgreSQL pass only. Its tests use [PostgreSqlFact], so a bare `dotnet test` skips them.
    /// </summary>
    public const string PostgreSqlOnly = "PostgreSqlOnly";

    public static TestProvider Provider { get; } = Environment.GetEnvironmentVariable("PORTAL_TEST_PROVIDER") switch
    {
        null or "" => TestProvider.Sqlite,
        var v when Enum.TryParse<TestProvider>(v, ignoreCase: true, out var p) => p,
        var v => throw new InvalidOperationException($"PORTAL_TEST_PROVIDER={v}: use Sqlite or PostgreSql"),
    };

    /// <summary>The value of Portal:Database:Provider for the app.</summary>
    public static string AppProviderSetting => Provider == TestProvider.PostgreSql ? "PostgreSql" : "Sqlite";

    /// <summary>Creates the (empty) database of a connection string, as an operator would before a first `migrate`.</summary>
    public static void CreatePostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var conn = new NpgsqlConnection(Server);
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        cmd.ExecuteNonQuery();
    }

    public static string Server => TestTools.PostgresConnection is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException("PORTAL_TEST_PROVIDER=PostgreSql needs a server in PORTAL_TEST_PG: `source scripts/pg-start.sh` (scripts/test.sh does)");

    /// <summary>A name for a new PostgreSQL database and its connection string; the app's migrations create it.</summary>
    public static (string Name, string ConnectionString) NewPostgresDatabase()
    {
        var name = "portal_test_" + Guid.NewGuid().ToString("N")[..12];
        return (name, new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString);
    }

    public static void DropPostgresDatabase(string name, string connectionString)
    {
        // Only this database's idle pooled connections: the other apps running in parallel keep theirs.
        using (var own = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(own);
        using var conn = new NpgsqlConnection(Server);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}

/// <summary>
/// A database for a separate `dotnet Portal.dll` process (<see cref="PortalProcess"/>) on this run's provider: a temporary SQLite
/// file (an in-memory database cannot cross processes) or a fresh PostgreSQL database; deleted or dropped on dispose.
/// </summary>
public sealed class ProcessDatabase : IDisposable
{
    private readonly string? _file;
    private readonly string? _postgresDatabase;

    public ProcessDatabase()
    {
        if (TestDatabase.Provider == TestProvider.PostgreSql)
        {
            (_postgresDatabase, ConnectionString) = TestDatabase.NewPostgresDatabase();
            return;
        }
        _file = Path.Combine(Path.GetTempPath(), $"portal-{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={_file}";
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        if (_postgresDatabase is not null) TestDatabase.DropPostgresDatabase(_postgresDatabase, ConnectionString);
        if (_file is not null)
            foreach (var f in Directory.EnumerateFiles(Path.GetDirectoryName(_file)!, Path.GetFileName(_file) + "*")) File.Delete(f);
    }
}
