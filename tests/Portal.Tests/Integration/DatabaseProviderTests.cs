using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The test run really is on the provider it claims (PORTAL_TEST_PROVIDER), with a database of its own per app: if
/// the switch stopped reaching the app, the PostgreSQL pass would silently test SQLite twice and this would fail.
/// What the app does on each provider is tested by every other database-touching class, which runs in both passes.
/// </summary>
public sealed class DatabaseProviderTests
{
    [Fact]
    public async Task EachAppRunsOnTheSelectedProviderInADatabaseOfItsOwn()
    {
        using var first = new PortalApplication();
        using var second = new PortalApplication();
        var expected = TestDatabase.Provider == TestProvider.PostgreSql ? typeof(PostgresPortalDbContext) : typeof(SqlitePortalDbContext);
        Assert.Equal(expected, await first.WithDbAsync((db, _) => Task.FromResult(db.GetType())));
        Assert.Equal(84, await first.WithDbAsync((db, _) => db.ContentRevisions.CountAsync()));

        // A row written in one app's database is not seen by the other: each starts from its own first-start seed.
        await first.WithDbAsync((db, _) =>
        {
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Actor = "test", Action = AuditActions.SignOut });
            return db.SaveChangesAsync();
        });
        Assert.Equal(1, await first.WithDbAsync((db, _) => db.AuditEntries.CountAsync()));
        Assert.Equal(0, await second.WithDbAsync((db, _) => db.AuditEntries.CountAsync()));
    }
}
