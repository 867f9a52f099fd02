using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// Whether the database can take a write, for /health/ready and the start: the outcome of the last save (every
/// SaveChanges reports here), a cheap write probe when that outcome was a failure or at start, and, on SQLite, the
/// outcome of <c>PRAGMA quick_check</c> at start. A node whose disk is full or whose file went read-only must not stay
/// "ready" while every save fails.
/// </summary>
public sealed class DatabaseWrites : SaveChangesInterceptor
{
    private volatile string? _lastFailure;

    /// <summary>What the last save failed with (e.g. "disk full"), or null when it succeeded or none failed.</summary>
    public string? LastFailure => _lastFailure;

    /// <summary>What <c>PRAGMA quick_check</c> found at start, or null when the file is sound (or not SQLite).</summary>
    public string? Damage { get; set; }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        _lastFailure = null;
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        _lastFailure = null;
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Record(eventData.Exception);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Record(Exception exception)
    {
        if (DatabaseFault.Classify(exception) is DatabaseFaultKind.DiskFull or DatabaseFaultKind.ReadOnly or DatabaseFaultKind.Corrupt or DatabaseFaultKind.CannotOpen)
            _lastFailure = DatabaseFault.Describe(exception);
    }

    /// <summary>
    /// Creates a table and writes a row in a transaction that is rolled back: nothing stays, but the database had to find
    /// room for both (a full disk, a read-only file or a read-only PostgreSQL server refuse it). Returns the cause, or null.
    /// </summary>
    public async Task<string?> ProbeAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "PortalWriteProbe" ("Value" TEXT); INSERT INTO "PortalWriteProbe" VALUES ('probe')""", ct);
            await tx.RollbackAsync(ct);
            _lastFailure = null;
            return null;
        }
        catch (Exception ex) when (DatabaseFault.Describe(ex) is { } cause)
        {
            _lastFailure = cause;
            return cause;
        }
        catch (System.Data.Common.DbException)
        {
            return null; // inconclusive (say, a PostgreSQL role that may not create tables): the last save's outcome still counts
        }
    }

    /// <summary>SQLite's own consistency check (pages, indexes; not every row's content): null when "ok", else its first finding.</summary>
    public static async Task<string?> QuickCheckAsync(PortalDbContext db, CancellationToken ct)
    {
        if (db.IsPostgres) return null;
        var result = await db.ScalarAsync("PRAGMA quick_check(1)", ct) as string;
        return result == "ok" ? null : result ?? "no answer";
    }
}
