using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Data;

/// <summary>
/// "Is the database's schema this build's?" with one plain SELECT. EF Core's own answer, GetPendingMigrationsAsync, builds
/// a model for its history table, compiles a LINQ query and loads every type of this assembly to find the migrations:
/// a noticeable part of a cold start, spent on every restart only to learn that there is nothing to do. A false
/// answer costs nothing but time: callers then ask EF Core, which migrates if anything is pending.
/// </summary>
public static class SchemaVersion
{
    /// <summary>
    /// The newest migration of each provider's set (Data/Migrations/Sqlite, Data/Migrations/Postgres); a new migration
    /// goes here too. ModelTests.TheLatestMigrationIsKnown fails until it does, and meanwhile starts only take EF Core's
    /// slower path.
    /// </summary>
    public static string LatestMigration(PortalDbContext db) => db switch
    {
        SqlitePortalDbContext => "20261128212609_DataProtectionKeys",
        PostgresPortalDbContext => "20261128212634_DataProtectionKeys",
        _ => throw new ArgumentOutOfRangeException(nameof(db), db.GetType().Name, "not a provider's context"),
    };

    /// <summary>The migrations EF Core would apply: none, at the cost of one SELECT, when the schema is current.</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(PortalDbContext db, CancellationToken ct = default)
        => await IsCurrentAsync(db, ct) ? [] : (await db.Database.GetPendingMigrationsAsync(ct)).ToList();

    public static async Task<bool> IsCurrentAsync(PortalDbContext db, CancellationToken ct = default)
    {
        try
        {
            // Not even a connection to a database that does not exist: opening one creates an empty SQLite file, which
            // EF Core would then migrate without the WAL mode it sets on the files it creates itself.
            if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct)) return false;
            return await db.ScalarAsync("""SELECT MAX("MigrationId") FROM "__EFMigrationsHistory" """, ct) is string latest
                && latest == LatestMigration(db);
        }
        catch (DbException)
        {
            return false; // no history table or no database yet: EF Core creates them
        }
    }
}
