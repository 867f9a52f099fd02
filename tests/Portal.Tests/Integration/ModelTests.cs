using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Provider-independent: it compares each provider's migrations with the model at design time (no connection), both providers in one pass. It never opens a database, so the PostgreSQL pass skips it.
/// <summary>Both providers' migrations match the model: a change to an entity without a migration for each fails here.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class ModelTests
{
    [Fact]
    public void SqliteMigrationsMatchTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void PostgresMigrationsMatchTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }
}
