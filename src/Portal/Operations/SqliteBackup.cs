using Microsoft.Data.Sqlite;

namespace Portal.Operations;

/// <summary>
/// An online copy of the SQLite database through SQLite's backup API (sqlite3_backup_step with -1 = all pages in one
/// step): it reads one consistent snapshot, and in WAL mode (EF Core creates the file in WAL mode) writers carry on
/// meanwhile. `VACUUM INTO` would also be safe; the backup API is the one SQLite documents for live databases.
/// Written to a temporary file first, so a failed backup never leaves a half file under the requested name.
/// </summary>
public static class SqliteBackup
{
    public static async Task<string> RunAsync(SqliteConnection source, string target, CancellationToken ct = default)
    {
        var partial = target + ".partial";
        File.Delete(partial);
        if (source.State != System.Data.ConnectionState.Open) await source.OpenAsync(ct);
        var cs = new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString();
        await using (var destination = new SqliteConnection(cs))
        {
            await destination.OpenAsync(ct);
            source.BackupDatabase(destination);
        }
        var check = await IntegrityCheckAsync(partial, ct);
        if (check != "ok")
        {
            File.Delete(partial);
            throw new InvalidOperationException($"the copy failed PRAGMA integrity_check: {check}");
        }
        File.Move(partial, target);
        return check;
    }

    public static async Task<string> IntegrityCheckAsync(string file, CancellationToken ct = default)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var conn = new SqliteConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
