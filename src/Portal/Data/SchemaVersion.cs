using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
    /// The newest migration of the context's provider set (Data/Migrations/Sqlite, Data/Migrations/Postgres): the largest
    /// [Migration] id among this assembly's migrations for that context, the last one EF Core applies (it orders them by
    /// id). Read once per provider from the types' attributes, without EF Core's services or a model, so a new migration
    /// needs no edit here.
    /// </summary>
    public static string LatestMigration(PortalDbContext db) => db switch
    {
        SqlitePortalDbContext => Sqlite.Value,
        PostgresPortalDbContext => Postgres.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(db), db.GetType().Name, "not a provider's context"),
    };

    private static readonly Lazy<string> Sqlite = new(() => NewestMigrationOf(typeof(SqlitePortalDbContext)));
    private static readonly Lazy<string> Postgres = new(() => NewestMigrationOf(typeof(PostgresPortalDbContext)));

    private static string NewestMigrationOf(Type context) => context.Assembly.GetTypes()
        .Where(t => t.IsDefined(typeof(MigrationAttribute), inherit: false) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id)
        .Max(StringComparer.Ordinal)
        ?? throw new InvalidOperationException($"{context.Name} has no migrations in {context.Assembly.GetName().Name}.");

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
