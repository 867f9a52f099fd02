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
        if (await db.ScalarAsync("""SELECT 1 FROM "ContentItems" LIMIT 1""", ct) is not null) return; // plain SQL: see PlainSql

        var folder = sp.GetRequiredService<ContentFolder>().Path;
        var read = sp.GetRequiredService<ContentValidator>().Validate(folder);
        var (files, problems) = read;
        if (problems.Count > 0) throw new ContentImportException(problems);
        var result = await sp.GetRequiredService<ContentImporter>().ImportAsync(files, read.Media, ct);
        log.LogInformation("Seeded an empty database from {Folder}: {Items} items, {Revisions} revisions", folder, result.ItemsCreated, result.RevisionsCreated);
    }
}
