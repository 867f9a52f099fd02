using Microsoft.AspNetCore.OutputCaching;

namespace Portal.Infrastructure;

/// <summary>
/// The output cache's own store, with one addition: evicting a tag evicts the <see cref="HotPages"/> copies too, so every
/// existing eviction (publish, NOTIFY from another node, the scheduler) reaches both layers.
/// </summary>
internal sealed class EvictingOutputCacheStore(IOutputCacheStore store, HotPages hot) : IOutputCacheStore
{
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        // The store first: a copy made from the store's old entry in between is refused by HotPages' generation check.
        await store.EvictByTagAsync(tag, cancellationToken);
        hot.EvictByTag(tag);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => store.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        => store.SetAsync(key, value, tags, validFor, cancellationToken);
}
