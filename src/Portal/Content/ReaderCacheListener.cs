using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Content.Search;
using Portal.Data;
using Portal.Notices;

namespace Portal.Content;

/// <summary>
/// On PostgreSQL, one connection per node LISTENs for <see cref="ReaderCache"/>'s notifications from the other nodes
/// and then evicts this node's reader pages, reloads the emergency notice and rebuilds the search index, so a publish
/// on node A shows on node B's next request. After a lost connection it reconnects and evicts once, since notifications
/// sent meanwhile are lost.
/// Does nothing on SQLite.
/// </summary>
public sealed class ReaderCacheListener(
    IOptions<PortalDataOptions> options, IServiceScopeFactory scopes, IOutputCacheStore cache, SiteNoticeState notice, SearchIndexer search,
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Lost the reader-cache notification channel; reconnecting in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
        await connection.OpenAsync(ct);
        var changed = 0;
        connection.Notification += (_, e) => { if (e.Payload != NodeId) Interlocked.Exchange(ref changed, 1); };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        if (_listening.Task.IsCompleted) await RefreshAsync(ct); // a reconnect: what was published meanwhile went unheard
        _listening.TrySetResult();
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
        await cache.EvictByTagAsync(ContentCacheTags.Reader, ct);
        search.RequestRebuild();
    }
}
