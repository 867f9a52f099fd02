using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Content;
using Portal.Content.Import;
using Portal.Content.Search;
using Portal.Data;
using Portal.Notices;

namespace Portal.Operations;

/// <summary>
/// The database step of a start: migrate and seed (or only check, see <see cref="PrepareDatabaseAsync"/>), load the site
/// notice, compile the country page's queries (<see cref="ReaderWarmUp"/>). It runs on a thread-pool thread while the
/// host builds its pipeline and opens its port, so on two cores the two overlap (docs/decisions/0008); requests
/// that arrive before it is over wait for it (<see cref="DatabaseStartupExtensions.UseDatabaseStartupGate"/>), so none
/// sees a half-migrated or unseeded database.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services)
{
    private Task<bool>? _prepared;

    /// <summary>
    /// True when the database can be used; false when it cannot yet (MigrateOnStart off and the database behind or
    /// unreachable: /health/ready answers 503 until `migrate`). Faults when migrating or seeding failed: Program stops.
    /// </summary>
    public Task<bool> Prepared => _prepared ?? throw new InvalidOperationException("DatabaseStartup.Start has not been called.");

    public void Start() => _prepared = Task.Run(async () =>
    {
        if (!await services.PrepareDatabaseAsync()) return false;
        await CheckWritableAsync();
        await services.RefreshSiteNoticeAsync();
        await using (var scope = services.CreateAsyncScope())
            await services.GetRequiredService<ReaderLastModified>().LoadAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
        await services.CompileCountryQueriesAsync();
        services.GetRequiredService<SearchIndexer>().RequestRebuild(); // built beside the first requests, not before them
        return true;
    });

    /// <summary>
    /// A read-only file or server, or a full disk, stops the start (<see cref="Explain"/>): a node that cannot save must
    /// not take editors' work. A SQLite file that quick_check finds damaged keeps serving what it can read, but is not ready.
    /// </summary>
    private async Task CheckWritableAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var writes = services.GetRequiredService<DatabaseWrites>();
        if (await writes.ProbeAsync(db, default) is { } cause) throw new DatabaseStartupException(cause);
        if ((writes.Damage = await DatabaseWrites.QuickCheckAsync(db, default)) is { } damage)
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseStartup>()
                .LogError("The database file {File} is damaged (quick_check: {Damage}): not ready; restore a backup", Where(db), damage);
    }

    /// <summary>
    /// One line for an operator when the database step failed for a reason of the database itself (corrupt, unreadable,
    /// read-only, disk full, unreachable): the file or server and the cause. Null for anything else (a bug: the stack trace says more).
    /// </summary>
    public string? Explain(Exception exception)
    {
        var cause = exception is DatabaseStartupException s ? s.Message : DatabaseFault.Describe(exception);
        if (cause is null || DatabaseFault.Classify(exception) == DatabaseFaultKind.Duplicate) return null;
        using var scope = services.CreateScope();
        var detail = exception is DatabaseStartupException ? "" : $" ({exception.GetBaseException().Message.Split('\n')[0].Trim()})";
        return $"the database {Where(scope.ServiceProvider.GetRequiredService<PortalDbContext>())}: {cause}{detail}";
    }

    /// <summary>The SQLite file's path, or the PostgreSQL server and database (never a password).</summary>
    private static string Where(PortalDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return db.IsPostgres ? $"{connection.Database} on {connection.DataSource}" : Path.GetFullPath(connection.DataSource);
    }
}

/// <summary>The database step found the database unusable for this node (e.g. it cannot be written).</summary>
public sealed class DatabaseStartupException(string cause) : Exception(cause);

public static class DatabaseStartupExtensions
{
    public static IServiceCollection AddDatabaseStartup(this IServiceCollection services) => services.AddSingleton<DatabaseStartup>();

    /// <summary>
    /// Holds each request until the database step is over (only the first requests of a process ever wait). Liveness
    /// does not wait: the process is alive while it migrates. A failed step answers 503 (with a body, so that the status
    /// code pages do not re-execute) while Program stops the host.
    /// </summary>
    public static IApplicationBuilder UseDatabaseStartupGate(this IApplicationBuilder app)
    {
        var startup = app.ApplicationServices.GetRequiredService<DatabaseStartup>();
        return app.Use(async (context, next) =>
        {
            var prepared = startup.Prepared;
            if (!prepared.IsCompleted && !context.Request.Path.StartsWithSegments(HealthEndpoints.LivePath))
            {
                try
                {
                    await prepared.WaitAsync(context.RequestAborted);
                }
                catch (Exception) when (prepared.IsFaulted)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    await context.Response.WriteAsync("The portal could not prepare its database and is stopping; its log says why.\n");
                    return;
                }
            }
            await next(context);
        });
    }

    /// <summary>
    /// Migrates and seeds on start (Portal:Database:MigrateOnStart, default true), in a child process of the real app
    /// (<see cref="MigrateChildProcess"/>). With it off, as for several nodes on one
    /// PostgreSQL, `migrate` is a deploy step, and a node whose database is unreachable or behind starts anyway and answers
    /// /health/ready with 503 until it is ready. Returns whether the database can be used now.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<PortalDataOptions>>().Value;
        if (options.MigrateOnStart)
        {
            if (MigrateChildProcess.Applies(options)) await MigrateChildProcess.RunIfNeededAsync(services, options, ct);
            else await services.MigrateAndSeedAsync(ct);
            return true;
        }
        await using var scope = services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        try
        {
            var pending = (await SchemaVersion.PendingMigrationsAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), ct)).Count;
            if (pending == 0) return true;
            log.LogWarning("{Pending} migration(s) pending and Portal:Database:MigrateOnStart is false: not ready until `migrate` runs", pending);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("The database did not answer ({Error}): not ready until it does", ex.GetType().Name);
        }
        return false;
    }
}
