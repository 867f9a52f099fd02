using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Data;

namespace Portal.Operations;

/// <summary>
/// GET /health/live: the process answers (no database), for restarts. GET /health/ready: the database answers and has no
/// pending migration, for the load balancer; 503 otherwise. Plain text, `Cache-Control: no-store` (the health-check
/// middleware sets it), no output-cache policy (only reader endpoints have one), and logged like every request:
/// method, path, status, never the prober's address.
/// </summary>
public static class HealthEndpoints
{
    public const string Prefix = "/health";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddPortalHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReadinessLog>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        // Its own line per failed probe would be one every few seconds per node while the database is down;
        // ReadinessLog writes the change instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>"Healthy", or "Unhealthy" and one line per failed check with our own description (never an exception's text, which may name hosts).</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return http.Response.WriteAsync(string.Join('\n', [report.Status.ToString(), .. lines]) + "\n");
    }
}

/// <summary>
/// Ready = the database answers, its schema is the one this build expects (a node of a newer build waits for `migrate`),
/// it can take a write (after a failed save, a write probe must pass: a full disk is not ready) and, on SQLite, it
/// passed <c>PRAGMA quick_check</c> at start.
/// </summary>
public sealed class DatabaseReadyCheck(PortalDbContext db, DatabaseWrites writes, ReadinessLog log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var result = await CheckAsync(ct);
        log.Observe(result);
        return result;
    }

    private async Task<HealthCheckResult> CheckAsync(CancellationToken ct)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("cannot connect to the database");
            if (writes.Damage is { } damage) return HealthCheckResult.Unhealthy($"the database file is damaged (quick_check at start: {damage}); restore a backup");
            if (writes.LastFailure is not null && await writes.ProbeAsync(db, ct) is { } cause)
                return HealthCheckResult.Unhealthy($"the database cannot be written: {cause}");
            var pending = (await SchemaVersion.PendingMigrationsAsync(db, ct)).Count;
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending} migration(s) pending; run `dotnet Portal.dll migrate`");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the database did not answer");
        }
    }
}

/// <summary>
/// Logs when this node stops being ready and when it is ready again, once each: a load balancer probes every few
/// seconds, and a line per probe would bury the cause in the log for as long as the outage lasts.
/// </summary>
public sealed partial class ReadinessLog(ILogger<ReadinessLog> logger)
{
    private int _ready = 1; // a node that starts not ready says so on its first probe

    public void Observe(HealthCheckResult result)
    {
        var ready = result.Status == HealthStatus.Healthy ? 1 : 0;
        if (Interlocked.Exchange(ref _ready, ready) == ready) return;
        if (ready == 1) ReadyAgain(logger);
        else NotReady(logger, result.Description ?? "");
    }

    [LoggerMessage(LogLevel.Error, "Not ready: {Reason}. /health/ready answers 503 until this is resolved; the next line says when it is.")]
    private static partial void NotReady(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Ready again: /health/ready answers 200.")]
    private static partial void ReadyAgain(ILogger logger);
}
