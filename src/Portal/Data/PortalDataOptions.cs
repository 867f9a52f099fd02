using System.ComponentModel.DataAnnotations;

namespace Portal.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from "Portal:Database" (env: Portal__Database__ConnectionString, Portal__Database__Provider).</summary>
public sealed class PortalDataOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means the embedded SQLite file data/portal.db under the content root.</summary>
    public string? ConnectionString { get; set; }

    [Range(1, 10_000)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
