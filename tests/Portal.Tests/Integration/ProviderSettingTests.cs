using System.Diagnostics;
using Npgsql;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Portal:Database:Provider as an operator sets it: an environment variable of the real process.</summary>
public class ProviderSettingTests
{
    private static async Task<(int Code, string Output, string Error)> RunPortalAsync(IDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["Portal__ContentPath"] = RepoPaths.Content;
        psi.Environment["Portal__LocalesPath"] = RepoPaths.Locales;
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }

    [Theory]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSql", DatabaseProvider.PostgreSql)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    [InlineData("Postgres", DatabaseProvider.PostgreSql)] // the name before issue #6 still works
    [InlineData("", DatabaseProvider.Sqlite)]
    public void ProviderNamesAreAccepted(string value, DatabaseProvider expected)
        => Assert.Equal(expected, DataServiceCollectionExtensions.ParseProvider(value));

    [Fact]
    public async Task AnUnknownProviderStopsTheAppWithOneClearLineAndNoStackTrace()
    {
        var (code, output, error) = await RunPortalAsync(new Dictionary<string, string> { ["Portal__Database__Provider"] = "Oracle" });
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("Portal cannot start: Portal:Database:Provider (Portal__Database__Provider) is 'Oracle'; expected Sqlite (the default) or PostgreSql.", error.Trim());
    }

    [Fact]
    public async Task PostgreSqlWithoutAConnectionStringIsRefusedClearly()
    {
        var (code, _, error) = await RunPortalAsync(new Dictionary<string, string> { ["Portal__Database__Provider"] = "PostgreSql", ["Portal__Database__ConnectionString"] = "" });
        Assert.Equal(2, code);
        Assert.Contains("Portal:Database:ConnectionString", error);
        Assert.DoesNotContain("   at ", error);
    }

    [PostgresFact]
    public async Task TheEnvironmentVariablesSelectPostgreSqlForTheRealProcess()
    {
        var database = "portal_env_" + Guid.NewGuid().ToString("N")[..10];
        var cs = new NpgsqlConnectionStringBuilder(PostgresApplication.ServerConnectionString) { Database = database }.ConnectionString;
        try
        {
            var (code, output, error) = await RunPortalAsync(new Dictionary<string, string>
            {
                ["Portal__Database__Provider"] = "PostgreSql",
                ["Portal__Database__ConnectionString"] = cs,
            }, "migrate");
            Assert.True(code == 0, output + error);

            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM \"ContentItems\"", conn);
            Assert.Equal(14L, await cmd.ExecuteScalarAsync()); // created, migrated and seeded on PostgreSQL, not in a SQLite file
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresApplication.ServerConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
