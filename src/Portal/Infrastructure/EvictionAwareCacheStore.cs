using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Portal.Infrastructure;

/// <summary>
/// The output cache's store, wrapped so that an answer rendered from what the database held before an eviction is not
/// kept after it. Without this, a reader request that read the old safety level just before a publish committed, and
/// finished just after the publish evicted, stored the old page for the cache's 12 hours (found by the scheduler's test
/// on PostgreSQL, where a render takes longer). Each cached request notes when it starts how many evictions there have
/// been (<see cref="SeenPolicy"/>, as a tag); its answer is dropped if there have been more since. Stores and evictions
/// take turns, so none slips in between the check and the write.
/// </summary>
public sealed class EvictionAwareCacheStore(IOutputCacheStore inner) : IOutputCacheStore, IOutputCacheBufferStore
{
    private const string SeenPrefix = "evictions-seen:";
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _evictions;
    private string _seenTag = SeenPrefix + "0";

    public async ValueTask EvictByTagAsync(string tag, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            var evictions = Interlocked.Increment(ref _evictions);
            Volatile.Write(ref _seenTag, SeenPrefix + evictions.ToString(CultureInfo.InvariantCulture));
            await inner.EvictByTagAsync(tag, ct);
        }
        finally
        {
            _turn.Release();
        }
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken ct) => inner.GetAsync(key, ct);

    // Every cache hit comes through here: passed straight on, no state machine of its own.
    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken ct)
        => inner is IOutputCacheBufferStore buffered ? buffered.TryGetAsync(key, destination, ct) : CopyAsync(key, destination, ct);

    private async ValueTask<bool> CopyAsync(string key, PipeWriter destination, CancellationToken ct)
    {
        if (await inner.GetAsync(key, ct) is not { } bytes) return false;
        await destination.WriteAsync(bytes, ct);
        return true;
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken ct)
        => StoreAsync(tags ?? [], others => inner.SetAsync(key, value, others, validFor, ct), ct);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken ct)
        => StoreAsync(tags.ToArray(), others => inner is IOutputCacheBufferStore buffered
            ? buffered.SetAsync(key, value, others, validFor, ct)
            : inner.SetAsync(key, value.ToArray(), others, validFor, ct), ct);

    private async ValueTask StoreAsync(string[] tags, Func<string[], ValueTask> set, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            if (EvictedSince(tags)) return;
            await set(Array.FindAll(tags, t => !t.StartsWith(SeenPrefix, StringComparison.Ordinal)));
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>True when the request that carries these tags started before the latest eviction (a request without the tag: false).</summary>
    private bool EvictedSince(IEnumerable<string> tags)
    {
        foreach (var tag in tags)
            if (tag.StartsWith(SeenPrefix, StringComparison.Ordinal))
                return long.Parse(tag.AsSpan(SeenPrefix.Length), CultureInfo.InvariantCulture) != Interlocked.Read(ref _evictions);
        return false;
    }

    /// <summary>
    /// Part of the reader policy: tags each request with the evictions seen when it started, and after the endpoint ran
    /// refuses to keep an answer that an eviction has overtaken, so requests waiting for the same page (the cache's
    /// locking) render their own instead of being handed it.
    /// </summary>
    public sealed class SeenPolicy(EvictionAwareCacheStore store) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
        {
            context.Tags.Add(Volatile.Read(ref store._seenTag));
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
        {
            if (store.EvictedSince(context.Tags)) context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
