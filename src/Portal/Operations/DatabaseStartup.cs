using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Content.Import;
using Portal.Data;

namespace Portal.Operations;

public static class DatabaseStartup
{
    /// <summary>
    /// Migrates and seeds on start (Portal:Database:MigrateOnStart, default true). With it off, as for several nodes on one
    /// PostgreSQL, `migrate` is a deploy step, and a node whose database is unreachable or behind starts anyway and answers
    /// /health/ready with 503 until it is ready. Returns whether the database can be used now.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (services.GetRequiredService<IOptions<PortalDataOptions>>().Value.MigrateOnStart)
        {
            await services.MigrateAndSeedAsync(ct);
            return true;
        }
        await using var scope = services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        try
        {
            var pending = (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GetPendingMigrationsAsync(ct)).Count();
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
