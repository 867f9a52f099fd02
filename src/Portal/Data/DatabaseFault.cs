using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Data;

public enum DatabaseFaultKind
{
    None,
    DiskFull,
    Unreachable,
    ReadOnly,
    Corrupt,
    CannotOpen,
    /// <summary>A unique index refused a row: on a revision number, another save won the race.</summary>
    Duplicate,
}

/// <summary>
/// What a database exception means to an operator or a user, for both providers: the log says "disk full" rather than
/// "An error occurred using a transaction", a lost save race is a conflict, an outage a 503. Walks the inner exceptions,
/// since EF Core wraps the provider's.
/// </summary>
public static class DatabaseFault
{
    public static DatabaseFaultKind Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var kind = e switch
            {
                // https://sqlite.org/rescode.html: the primary code is the low byte of the extended one.
                SqliteException s => (s.SqliteErrorCode & 0xff) switch
                {
                    13 => DatabaseFaultKind.DiskFull,
                    8 => DatabaseFaultKind.ReadOnly,
                    11 or 26 => DatabaseFaultKind.Corrupt,
                    14 or 10 => DatabaseFaultKind.CannotOpen, // cannot open; disk I/O error
                    19 when s.SqliteExtendedErrorCode is 2067 or 1555 => DatabaseFaultKind.Duplicate,
                    _ => DatabaseFaultKind.None,
                },
                PostgresException p => p.SqlState switch
                {
                    "53100" => DatabaseFaultKind.DiskFull,
                    "23505" => DatabaseFaultKind.Duplicate,
                    "25006" => DatabaseFaultKind.ReadOnly,
                    "XX001" or "XX002" => DatabaseFaultKind.Corrupt,
                    _ when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) => DatabaseFaultKind.Unreachable,
                    _ => DatabaseFaultKind.None,
                },
                NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => DatabaseFaultKind.Unreachable,
                NpgsqlException n when n.IsTransient => DatabaseFaultKind.Unreachable,
                _ => DatabaseFaultKind.None,
            };
            if (kind != DatabaseFaultKind.None) return kind;
        }
        return DatabaseFaultKind.None;
    }

    /// <summary>A few words for a log line or a health answer; null for a fault this knows nothing about.</summary>
    public static string? Describe(DatabaseFaultKind kind) => kind switch
    {
        DatabaseFaultKind.DiskFull => "disk full",
        DatabaseFaultKind.Unreachable => "the database cannot be reached",
        DatabaseFaultKind.ReadOnly => "the database is read-only",
        DatabaseFaultKind.Corrupt => "the database file is corrupt",
        DatabaseFaultKind.CannotOpen => "the database file cannot be opened or read",
        DatabaseFaultKind.Duplicate => "a unique index refused a duplicate row",
        _ => null,
    };

    public static string? Describe(Exception exception) => Describe(Classify(exception));

    /// <summary>
    /// A fault that passes without anything being wrong with the request: the server comes back, the file's volume is
    /// mounted again, room is made. Readers get 503 with Retry-After, an editor the form again with the text typed.
    /// </summary>
    public static bool IsTemporary(DatabaseFaultKind kind) => kind is DatabaseFaultKind.DiskFull or DatabaseFaultKind.Unreachable or DatabaseFaultKind.CannotOpen;

    public static bool IsTemporary(Exception exception) => IsTemporary(Classify(exception));
}
