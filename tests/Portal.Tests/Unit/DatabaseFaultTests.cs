using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// No database: the provider exceptions are made here, as each provider raises them.
/// <summary>What a database exception means, for both providers, wrapped as EF Core wraps them: the log's cause and the status.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class DatabaseFaultTests
{
    public static TheoryData<Exception, DatabaseFaultKind, int> Faults() => new()
    {
        { new SqliteException("database or disk is full", 13), DatabaseFaultKind.DiskFull, 503 },
        { new DbUpdateException("An error occurred while saving", new SqliteException("database or disk is full", 13)), DatabaseFaultKind.DiskFull, 503 },
        { new SqliteException("attempt to write a readonly database", 8), DatabaseFaultKind.ReadOnly, 500 },
        { new SqliteException("file is not a database", 26), DatabaseFaultKind.Corrupt, 500 },
        { new SqliteException("UNIQUE constraint failed", 19, 2067), DatabaseFaultKind.Duplicate, 500 },
        { new SqliteException("NOT NULL constraint failed", 19, 1299), DatabaseFaultKind.None, 500 },
        { new PostgresException("could not extend file", "ERROR", "ERROR", "53100"), DatabaseFaultKind.DiskFull, 503 },
        { new DbUpdateException("saving", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")), DatabaseFaultKind.Duplicate, 500 },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), DatabaseFaultKind.Unreachable, 503 },
        { new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)), DatabaseFaultKind.Unreachable, 503 },
        { new InvalidOperationException("a bug"), DatabaseFaultKind.None, 500 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void EachFaultIsNamedAndAnsweredAsWhatItIs(Exception exception, DatabaseFaultKind kind, int status)
    {
        Assert.Equal(kind, DatabaseFault.Classify(exception));
        Assert.Equal(status, ServerErrors.StatusFor(exception));
        if (kind == DatabaseFaultKind.DiskFull) Assert.Equal("disk full", DatabaseFault.Describe(exception));
    }
}
