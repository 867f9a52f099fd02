using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Import;

/// <summary>Startup step: migrate, then fill an empty database from content/ (eShop's AddMigration&lt;TContext, TSeeder&gt; shape).</summary>
public static class ContentSeeder
{
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ContentSeeder));

        // MigrateAsync also diffs the model against the last migration's snapshot, and asking EF Core for pending
        // migrations costs as much again: a restart with an up-to-date schema skips both (docs/decisions/0003).
        if ((await SchemaVersion.PendingMigrationsAsync(db, ct)).Count > 0) await db.Database.MigrateAsync(ct);
        if (!await IsEmptyAsync(db, ct)) return;

        var folder = sp.GetRequiredService<ContentFolder>().Path;
        var read = sp.GetRequiredService<ContentValidator>().Validate(folder);
        var (files, problems) = read;
        if (problems.Count > 0) throw new ContentImportException(problems);
        var result = await sp.GetRequiredService<ContentImporter>().ImportAsync(files, read.Media, ct);
        log.LogInformation("Seeded an empty database from {Folder}: {Items} items, {Revisions} revisions", folder, result.ItemsCreated, result.RevisionsCreated);
    }

    /// <summary>
    /// Whether <see cref="MigrateAndSeedAsync"/> would do anything, with at most two plain SELECTs and none of EF Core's
    /// migration machinery: a schema that is not this build's (or no database, or one that cannot be read: the step
    /// itself says why), or no content yet.
    /// </summary>
    public static async Task<bool> HasWorkAsync(PortalDbContext db, CancellationToken ct = default)
        => !await SchemaVersion.IsCurrentAsync(db, ct) || await IsEmptyAsync(db, ct);

    private static async Task<bool> IsEmptyAsync(PortalDbContext db, CancellationToken ct)
        => await db.ScalarAsync("""SELECT 1 FROM "ContentItems" LIMIT 1""", ct) is null; // plain SQL: see PlainSql
}
