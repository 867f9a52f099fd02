using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Portal:Database:Provider as an operator sets it: an environment variable of the real process.</summary>
// No database: the process stops before opening one. (Selecting PostgreSQL for real is in PostgreSqlServerTests.)
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class ProviderSettingTests
{
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
        var (code, output, error) = await PortalProcess.RunAsync(PortalProcess.Settings("Oracle", ""));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("Portal cannot start: Portal:Database:Provider (Portal__Database__Provider) is 'Oracle'; expected Sqlite (the default) or PostgreSql.", error.Trim());
    }

    [Fact]
    public async Task PostgreSqlWithoutAConnectionStringIsRefusedClearly()
    {
        var (code, _, error) = await PortalProcess.RunAsync(PortalProcess.Settings("PostgreSql", ""));
        Assert.Equal(2, code);
        Assert.Contains("Portal:Database:ConnectionString", error);
        Assert.DoesNotContain("   at ", error);
    }
}
