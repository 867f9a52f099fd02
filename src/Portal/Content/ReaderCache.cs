using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Content.Search;
using Portal.Data;

namespace Portal.Content;

/// <summary>
/// Makes a change visible to readers on every web node: evicts this node's cached reader pages at once, has its search
/// index rebuilt and, on PostgreSQL, tells the other nodes with NOTIFY (delivered when the change's transaction
/// commits), whose <see cref="ReaderCacheListener"/> evicts theirs within milliseconds. SQLite has no such channel: other processes on
/// the same file catch up on the scheduler's 30-second tick.
/// </summary>
public sealed class ReaderCache(PortalDbContext db, IOutputCacheStore cache, ReaderCacheListener listener, SearchIndexer search, ReaderLastModified lastModified)
{
    public async Task ChangedAsync(CancellationToken ct)
    {
        lastModified.Changed();
        await cache.EvictByTagAsync(ContentCacheTags.Reader, ct);
        search.RequestRebuild();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ReaderCacheListener.Channel}, {listener.NodeId})", ct);
    }
}
