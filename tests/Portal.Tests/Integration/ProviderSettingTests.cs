using System.Diagnostics;
using Npgsql;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Portal:Database:Provider as an operator sets it: an environment variable of the real process.</summary>
// No database: the process stops before opening one. (Selecting PostgreSQL for real is in PostgreSqlServerTests.)
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class ProviderSettingTests
{
    internal static async Task<(int Code, string Output, string Error)> RunPortalAsync(IDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["Portal__ContentPath"] = RepoPaths.Content;
        psi.Environment["Portal__LocalesPath"] = RepoPaths.Locales;
        psi.Environment["Portal__PublicUrl"] = "http://portal.test"; // required in Production, which a plain process is
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        // A start that should have been refused serves instead, and never exits by itself.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet Portal.dll {string.Join(' ', args)} was still running after 2 minutes.");
        }
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
}
