namespace Portal.Tests.Support;

/// <summary>
/// A fact that needs the throwaway PostgreSQL started by scripts/test.sh (PORTAL_TEST_PG). A plain `dotnet test`
/// without it skips with a reason; the test command sets PORTAL_REQUIRE_PG=1, so there a missing database fails.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(PostgresApplication.ServerConnectionString) && Environment.GetEnvironmentVariable("PORTAL_REQUIRE_PG") != "1")
            Skip = "PORTAL_TEST_PG is not set: run scripts/test.sh, which starts a throwaway PostgreSQL";
    }
}
