using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Data.CompiledModels.Postgres;
using Portal.Data.CompiledModels.Sqlite;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Provider-independent: it compares each provider's migrations with the model at design time (no connection), both providers in one pass. It opens no database but a private in-memory SQLite one, so the PostgreSQL pass skips it.
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

    /// <summary>
    /// A start's quick schema check compares the history table with SchemaVersion.LatestMigration, which reads the
    /// [Migration] attributes itself: it must name the migration EF Core applies last, for each provider, and the two
    /// sets must be the same migrations (scripts/add-migration.sh adds both).
    /// </summary>
    [Fact]
    public void TheLatestMigrationIsKnown()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.Equal(sqlite.Database.GetMigrations().Last(), SchemaVersion.LatestMigration(sqlite));
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.Equal(postgres.Database.GetMigrations().Last(), SchemaVersion.LatestMigration(postgres));

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }

    /// <summary>The quick check's answer on a database that EF Core has just migrated (in memory: no file, no server).</summary>
    [Fact]
    public async Task AMigratedDatabaseIsCurrentWithoutAskingEfCore()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connection).Options);
        Assert.False(await SchemaVersion.IsCurrentAsync(db));
        await db.Database.MigrateAsync();
        Assert.True(await SchemaVersion.IsCurrentAsync(db));
    }

    [Fact]
    public void TheCompiledModelsMatchTheModel()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        AssertSame(sqlite, SqlitePortalDbContextModel.Instance);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        AssertSame(postgres, PostgresPortalDbContextModel.Instance);
    }

    /// <summary>
    /// The model built from the entity configurations against the compiled one the app loads: the same entities, tables,
    /// columns (type, nullability, length, conversion), keys, foreign keys and indexes. (The migrations differ cannot
    /// read a compiled model, hence this description.)
    /// </summary>
    private static void AssertSame(DbContext designTime, IModel compiled)
    {
        var built = Describe(designTime.GetService<IDesignTimeModel>().Model);
        var actual = Describe(compiled);
        Assert.True(built.SequenceEqual(actual),
            $"{compiled.GetType().Name} is out of date: run scripts/compile-model.sh. Differences:\n"
            + string.Join("\n", built.Except(actual).Select(l => "+ " + l).Concat(actual.Except(built).Select(l => "- " + l))));
    }

    private static List<string> Describe(IReadOnlyModel model) => model.GetEntityTypes().SelectMany(e =>
    {
        var table = $"{e.Name} -> {e.GetTableName()}";
        return new[] { table }
            .Concat(e.GetProperties().Select(p => $"{table}.{p.GetColumnName()} {p.ClrType.Name} null={p.IsNullable} max={p.GetMaxLength()} conv={p.GetValueConverter()?.GetType().Name} concurrency={p.IsConcurrencyToken}"))
            .Concat(e.GetKeys().Select(k => $"{table} key({string.Join(",", k.Properties.Select(p => p.Name))}) primary={k.IsPrimaryKey()}"))
            .Concat(e.GetForeignKeys().Select(f => $"{table} fk({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} {f.DeleteBehavior}"))
            .Concat(e.GetIndexes().Select(i => $"{table} index({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique}"));
    }).Order(StringComparer.Ordinal).ToList();
}
