using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Portal.Data;

namespace Portal.Media;

/// <summary>
/// A video revision's bytes written to and read from the database with as few copies in memory as each provider allows:
/// on SQLite none (incremental blob I/O: a <c>zeroblob</c> of the file's size, then written in pieces; a bound byte array
/// would be copied by SQLite once more), on PostgreSQL one array while it is written; both read it back with sequential
/// access into a node's file cache, never as a whole array.
/// </summary>
public static class MediaBlobs
{
    /// <summary>Sets the revision's bytes from <paramref name="file"/> (from its start), inside the context's current transaction.</summary>
    public static async Task WriteAsync(PortalDbContext db, int revisionId, Stream file, CancellationToken ct)
    {
        file.Position = 0;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await using (var reserve = sqlite.CreateCommand())
            {
                reserve.Transaction = (SqliteTransaction?)transaction;
                reserve.CommandText = """UPDATE "MediaRevisions" SET "Bytes" = zeroblob($size) WHERE "Id" = $id""";
                reserve.Parameters.AddWithValue("$size", file.Length);
                reserve.Parameters.AddWithValue("$id", revisionId);
                await reserve.ExecuteNonQueryAsync(ct);
            }
            await using var blob = new SqliteBlob(sqlite, "MediaRevisions", "Bytes", revisionId);
            await file.CopyToAsync(blob, 81920, ct);
            return;
        }
        await using var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.Transaction = (NpgsqlTransaction?)transaction;
        command.CommandText = """UPDATE "MediaRevisions" SET "Bytes" = @bytes WHERE "Id" = @id""";
        // One array of the file: Npgsql 10 given the stream itself allocated about three times its size (measured, 46 MB file).
        var bytes = new byte[file.Length];
        await file.ReadExactlyAsync(bytes, ct);
        command.Parameters.Add(new NpgsqlParameter("bytes", NpgsqlDbType.Bytea) { Value = bytes });
        command.Parameters.AddWithValue("id", revisionId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Copies the revision's bytes to <paramref name="output"/>; false when there is no such revision.</summary>
    public static async Task<bool> CopyToAsync(PortalDbContext db, int revisionId, Stream output, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Id", "Bytes" FROM "MediaRevisions" WHERE "Id" = @id"""; // SQLite streams a blob only with its row's id in the query
            var id = command.CreateParameter();
            (id.ParameterName, id.Value) = ("@id", revisionId);
            command.Parameters.Add(id);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
            if (!await reader.ReadAsync(ct)) return false;
            await using var bytes = reader.GetStream(1); // SQLite: the blob read in place; PostgreSQL: from the socket
            await bytes.CopyToAsync(output, 81920, ct);
            return true;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }
}
