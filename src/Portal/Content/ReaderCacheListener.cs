using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Content.Search;
using Portal.Data;
using Portal.Notices;

namespace Portal.Content;

/// <summary>
/// On PostgreSQL, one connection per node LISTENs for <see cref="ReaderCache"/>'s notifications from the other nodes
/// and then evicts the same tags from this node's output cache (everything, and the emergency notice reloaded, when the
/// tag is <see cref="ContentCacheTags.Reader"/>) and rebuilds the search index, so a publish on node A shows on node B's
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

    /// <summary>"node-id tag,tag": the sender and the output-cache tags to evict (<see cref="ContentCacheTags"/>).</summary>
    internal static string Payload(string nodeId, IEnumerable<string> tags) => $"{nodeId} {string.Join(',', tags)}";

    /// <summary>The tags of another node's notification; null for this node's own. Without tags (an older node): everything.</summary>
    internal static string[]? TagsOf(string payload, string nodeId)
    {
        var parts = payload.Split(' ', 2);
        if (parts[0] == nodeId) return null;
        var tags = parts.Length == 2 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        return tags.Length == 0 ? [ContentCacheTags.Reader] : tags;
    }

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
        var pending = new System.Collections.Concurrent.ConcurrentQueue<string[]>();
        connection.Notification += (_, e) => { if (TagsOf(e.Payload, NodeId) is { } tags) pending.Enqueue(tags); };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        if (_listening.Task.IsCompleted) await RefreshAsync(ct); // a reconnect: what was published meanwhile went unheard
        _listening.TrySetResult();
        listening(); // connected: the next loss starts backing off from the shortest delay again
        while (true)
        {
            await connection.WaitAsync(ct); // returns after one or more notifications were processed
            var tags = new HashSet<string>();
            while (pending.TryDequeue(out var some)) tags.UnionWith(some);
            if (tags.Contains(ContentCacheTags.Reader)) await RefreshAsync(ct);
            else if (tags.Count > 0) await EvictAsync(tags, ct);
        }
    }

    /// <summary>Another node published or unpublished a text: evict what shows it (the notice did not change).</summary>
    private async Task EvictAsync(IEnumerable<string> tags, CancellationToken ct)
    {
        lastModified.Changed();
        foreach (var tag in tags) await cache.EvictByTagAsync(tag, ct);
        search.RequestRebuild();
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
