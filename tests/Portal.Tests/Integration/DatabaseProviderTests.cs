using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The test run really is on the provider it claims (PORTAL_TEST_PROVIDER), with a database of its own per app: if
/// the switch stopped reaching the app, the PostgreSQL pass would silently test SQLite twice and this would fail.
/// What the app does on each provider is tested by every other database-touching class, which runs in both passes;
/// the last test makes sure no class is left out of that choice.
/// </summary>
// Both providers: it checks the provider switch itself.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
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

    [Fact]
    public void EveryTestClassSaysWhetherItRunsOnEveryProvider()
    {
        var untagged = typeof(DatabaseProviderTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true)))
            .Where(t => !t.GetCustomAttributesData().Any(IsDatabaseTrait))
            .Select(t => t.FullName).ToList();
        Assert.True(untagged.Count == 0, "no [Trait(TestDatabase.Trait, EveryProvider|None|SqliteOnly|PostgreSqlOnly)]: " + string.Join(", ", untagged));
    }

    // xunit's TraitAttribute keeps its name and value only as constructor arguments.
    private static bool IsDatabaseTrait(System.Reflection.CustomAttributeData a)
        => a.AttributeType == typeof(TraitAttribute)
        && a.ConstructorArguments[0].Value as string == TestDatabase.Trait
        && a.ConstructorArguments[1].Value is TestDatabase.EveryProvider or TestDatabase.None or TestDatabase.SqliteOnly or TestDatabase.PostgreSqlOnly;
}
