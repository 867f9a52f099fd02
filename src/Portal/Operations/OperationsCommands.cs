using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Content.Import;
using Portal.Data;

namespace Portal.Operations;

/// <summary>
/// `-- migrate` (the deploy step when Portal:Database:MigrateOnStart is false), `-- backup <file>` (online SQLite copy,
/// and the media folder beside it when files are kept in one)
/// and `-- export <folder> [--drafts]` (content/ files an import reads back): same configuration as the web app, no web server.
/// </summary>
public static class OperationsCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "backup" or "export";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct = default)
    {
        switch (args[0])
        {
            case "migrate":
                await services.MigrateAndSeedAsync(ct);
                Console.WriteLine("The database is up to date (and seeded from content/ if it was empty).");
                return 0;
            case "backup" when args.Length == 2:
                return await BackupAsync(services, Path.GetFullPath(args[1]), ct);
            case "export" when args.Length is 2 or 3 && (args.Length == 2 || args[2] == "--drafts"):
                return await ExportAsync(services, Path.GetFullPath(args[1]), drafts: args.Length == 3, ct);
            default:
                Console.Error.WriteLine("usage: migrate | backup <file> | export <folder> [--drafts]");
                return 2;
        }
    }

    private static async Task<int> BackupAsync(IServiceProvider services, string target, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            Console.Error.WriteLine("backup copies the SQLite database. For PostgreSQL use its own online backup, e.g. "
                + "pg_dump --format=custom --file=portal.dump \"host=… dbname=portal user=…\" (restore with pg_restore --clean --dbname=…).");
            return 2;
        }
        if (File.Exists(target))
        {
            Console.Error.WriteLine($"{target} exists; backup never overwrites a file. Choose a new name.");
            return 2;
        }
        if (!await db.Database.CanConnectAsync(ct) || (await db.Database.GetAppliedMigrationsAsync(ct)).FirstOrDefault() is null)
        {
            Console.Error.WriteLine($"No portal database at {connection.DataSource}: nothing to back up.");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var check = await SqliteBackup.RunAsync(connection, target, ct);
        Console.WriteLine($"Backed up {connection.DataSource} to {target} ({new FileInfo(target).Length:N0} bytes, integrity_check: {check}). "
            + "Restore: stop the portal, put the file in place of the database (and delete its -wal and -shm files), start it.");
        if (services.GetRequiredService<Media.MediaStore>().Folder is { } media)
        {
            // After the database: every file a row of that copy names was written before its row, so it is here now.
            var copied = CopyMediaFolder(media, target + ".media");
            Console.WriteLine($"Copied {copied} media files from {media} to {target}.media (Portal:Media:Store=Folder). Restore: put them back in that folder.");
        }
        return 0;
    }

    /// <summary>The folder store's files (named by their hash, never changed), without files still being written.</summary>
    private static int CopyMediaFolder(string from, string to)
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            count++;
        }
        return count;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string folder, bool drafts, CancellationToken ct)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Console.Error.WriteLine($"{folder} is not empty; export writes into a new or empty folder only.");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ContentExporter>().ExportAsync(folder, drafts, ct);
        Console.WriteLine($"Exported to {folder}: {result.Published} published texts, {result.Unpublished} unpublished revisions, {result.Media} media items"
            + $"{(drafts ? " (drafts, and older source texts translations were made from)" : " (older source texts translations were made from)")}. "
            + $"Check with `validate {folder}`; `migrate` with Portal__ContentPath={folder} fills an empty database with the same content.");
        return 0;
    }
}
