using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Content.Search;
using Portal.Data;
using Portal.Notices;

namespace Portal.Content;

/// <summary>
/// On PostgreSQL, one connection per node LISTENs for <see cref="ReaderCache"/>'s notifications from the other nodes
/// and then evicts this node's reader pages, reloads the emergency notice and rebuilds the search index, so a publish on node A shows on node B's
/// next request. After a lost connection it reconnects and evicts once, since notifications sent meanwhile are lost.
/// The connection sends a keepalive every few seconds, so a dead server or a half-open socket is noticed within seconds
/// rather than when the operating system gives up; reconnects back off from 1 s to 30 s. Does nothing on SQLite.
/// </summary>
public sealed class ReaderCacheListener(
    IOptions<PortalDataOptions> options, IServiceScopeFactory scopes, IOutputCacheStore cache, SiteNoticeState notice, SearchIndexer search, ReaderLastModified lastModified,
    ILogger<ReaderCacheListener> log)
    : BackgroundService
{
    public const string Channel = "portal_reader_cache";

    /// <summary>Sent with each notification so a node skips its own (it evicted already).</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Set once LISTEN is in place (tests wait for it before publishing on another node).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.PostgreSql) return;
        var delay = MinDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = MinDelay, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Lost the reader-cache notification channel ({Cause}); reconnecting in {Delay} s",
                    DatabaseFault.Describe(ex) ?? ex.GetType().Name, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, MaxDelay.TotalSeconds));
            }
        }
    }

    private static readonly TimeSpan MinDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Keepalive every 5 s: Npgsql fails the wait when the server does not answer one.</summary>
    internal static string WithKeepAlive(string connectionString)
        => new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 5 }.ConnectionString;

    private async Task ListenAsync(Action listening, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(WithKeepAlive(options.Value.ConnectionString ?? ""));
        await connection.OpenAsync(ct);
        var changed = 0;
        connection.Notification += (_, e) => { if (e.Payload != NodeId) Interlocked.Exchange(ref changed, 1); };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        if (_listening.Task.IsCompleted) await RefreshAsync(ct); // a reconnect: what was published meanwhile went unheard
        _listening.TrySetResult();
        listening(); // connected: the next loss starts backing off from the shortest delay again
        while (true)
        {
            await connection.WaitAsync(ct); // returns after one or more notifications were processed
            if (Interlocked.Exchange(ref changed, 0) == 1) await RefreshAsync(ct);
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await notice.RefreshAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), ct);
        lastModified.Changed();
        await cache.EvictByTagAsync(ContentCacheTags.Reader, ct);
        search.RequestRebuild();
    }
}
