using System.ComponentModel.DataAnnotations;

namespace Portal.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,

    /// <summary>The name this setting had before issue #6; still accepted so that existing configurations keep working.</summary>
    Postgres = PostgreSql,
}

/// <summary>Bound from "Portal:Database" (env: Portal__Database__Provider, Portal__Database__ConnectionString).</summary>
public sealed class PortalDataOptions
{
    public const string Section = "Portal:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means the embedded SQLite file data/portal.db under the content root.</summary>
    public string? ConnectionString { get; set; }

    [Range(1, 10_000)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Apply migrations (and seed an empty database) when the web app starts. True for a single node; a rollout of several
    /// nodes sets it to false and runs `-- migrate` once as a deploy step, so that nodes never race to migrate.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// A start that has to migrate or seed runs `migrate` as a short-lived child process of itself and waits for it, so
    /// that what only the import needs (its libraries, their types, its heap) is never resident in the serving process.
    /// False: the serving process migrates and seeds itself, as the tests' in-process apps always do.
    /// </summary>
    public bool SeedInChildProcess { get; set; } = true;

    /// <summary>How long a start waits for that child before it stops it and refuses to start.</summary>
    [Range(5, 86_400)]
    public int SeedTimeoutSeconds { get; set; } = 600;
}

/// <summary>A configuration mistake found before the app starts: its message is printed as is, without a stack trace.</summary>
public sealed class PortalConfigurationException(string message) : Exception(message);
