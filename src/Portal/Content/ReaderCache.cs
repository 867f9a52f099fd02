using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Content.Search;
using Portal.Data;

namespace Portal.Content;

/// <summary>
/// Makes a change visible to readers on every web node: evicts this node's cached answers that show it at once, has its
/// search index rebuilt and, on PostgreSQL, tells the other nodes with NOTIFY which tags to evict (delivered when the
/// change's transaction commits), whose <see cref="ReaderCacheListener"/> evicts the same within milliseconds. SQLite has no
/// such channel: other processes on the same file catch up on the scheduler's 30-second tick.
/// </summary>
public sealed class ReaderCache(PortalDbContext db, IOutputCacheStore cache, ReaderCacheListener listener, SearchIndexer search, ReaderLastModified lastModified)
{
    /// <summary>Everything: the notice, an import, a rename, a retirement.</summary>
    public Task ChangedAsync(CancellationToken ct) => EvictAsync([ContentCacheTags.Reader], ct);

    /// <summary>One text was published or unpublished (<see cref="ContentCacheTags.Of"/> says what that touches).</summary>
    public Task PublishedAsync(ContentTranslation translation, bool onlyThisCulture, CancellationToken ct)
        => translation.Item is { } item // (loaded by every caller; without it, which country is unknown: everything)
            ? EvictAsync(ContentCacheTags.Of(item.CountryCode, translation.Culture, onlyThisCulture), ct)
            : ChangedAsync(ct);

    /// <summary>Published texts shown anew without a publish (an image they show changed): what each touches, evicted at once.</summary>
    public Task RenderedAgainAsync(IReadOnlyCollection<ContentTranslation> translations, string sourceCulture, CancellationToken ct)
        => translations.Count == 0 ? Task.CompletedTask
            : EvictAsync(translations.SelectMany(t => ContentCacheTags.Of(t.Item.CountryCode, t.Culture, onlyThisCulture: t.Culture != sourceCulture)).Distinct().ToArray(), ct);

    private async Task EvictAsync(string[] tags, CancellationToken ct)
    {
        lastModified.Changed();
        foreach (var tag in tags) await cache.EvictByTagAsync(tag, ct);
        search.RequestRebuild();
        if (db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ReaderCacheListener.Channel}, {ReaderCacheListener.Payload(listener.NodeId, tags)})", ct);
    }
}
