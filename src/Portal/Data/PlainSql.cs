using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Data;

/// <summary>
/// A command on the context's own connection (and transaction), for the few reads on every start's critical path. The
/// first LINQ query of a process takes a noticeable part of a cold start to compile and builds EF Core's relational
/// model on the way; these reads are one-liners in SQL that means the same on SQLite and PostgreSQL (quoted identifiers).
/// Everything else uses LINQ.
/// </summary>
public static class PlainSql
{
    public static async Task<T> ReadAsync<T>(this PortalDbContext db, string sql, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await read(reader, ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>The first column of the first row, or null when there is no row or it is NULL.</summary>
    public static Task<object?> ScalarAsync(this PortalDbContext db, string sql, CancellationToken ct = default)
        => db.ReadAsync(sql, async (r, c) => await r.ReadAsync(c) && !await r.IsDBNullAsync(0, c) ? r.GetValue(0) : null, ct);
}
