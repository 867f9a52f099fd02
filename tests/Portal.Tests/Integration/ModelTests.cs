using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Tests.Integration;

/// <summary>Both providers' migrations match the model: a change to an entity without a migration for each fails here.</summary>
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
