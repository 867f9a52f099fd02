using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;

namespace Portal.Infrastructure;

/// <summary>
/// Ready-to-send copies of the reader responses the output cache holds, looked up before the output cache
/// (<see cref="HotPageServing"/>, made by <see cref="HotPageRecording"/>). Why a second layer: the output cache sends every lookup through a per-key
/// dispatcher (a ConcurrentDictionary add and remove, awaited by concurrent readers of the same page) and then
/// deserialises the stored entry; under load on one page that lock was the largest cost of a hit (docs/decisions/0004).
/// Here a hit is one lock-free dictionary read. Copies are only made of responses the output cache itself stores, and
/// leave with them: <see cref="EvictingOutputCacheStore"/> evicts them by tag whenever the output cache is evicted.
/// </summary>
public sealed class HotPages(long maxBytes = HotPages.DefaultMaxBytes)
{
    /// <summary>Room for some hundreds of compressed pages; a page that does not fit is still served by the output cache.</summary>
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    /// <summary>Larger responses (a big sitemap) are left to the output cache alone.</summary>
    public const int MaxPageBytes = 512 * 1024;

    private readonly ConcurrentDictionary<string, HotPage> _pages = new(StringComparer.Ordinal);
    private long _bytes;
    private long _generation;

    public int Count => _pages.Count;

    /// <summary>The output cache's clock, not the app's TimeProvider (tests move that one): copies expire with the entries they copy.</summary>
    internal static TimeProvider Clock => TimeProvider.System;

    /// <summary>Without credentials, conditions or an Origin (CORS answers each origin itself): copies are neither
    /// served to nor made from other requests, which go on to the output cache as before.</summary>
    public static bool IsPlainRead(HttpRequest request)
    {
        var headers = request.Headers;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && headers.Authorization.Count == 0 && headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince.Count == 0
            && headers.Origin.Count == 0;
    }

    /// <summary>Changes on every eviction. A copy recorded across an eviction may hold what was just evicted, so
    /// <see cref="TryAdd"/> refuses it unless the generation is still the one read before the response was made.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// The key of everything the reader policy varies by: scheme, host, path (case-sensitive, as the output cache is
    /// configured), the whole query and the raw Accept-Encoding header (Brotli, gzip and identity bodies differ).
    /// </summary>
    public static string Key(HttpRequest request)
        => string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value, "\n", request.Headers.AcceptEncoding.ToString());

    public bool TryGet(string key, DateTimeOffset now, out HotPage page)
    {
        if (_pages.TryGetValue(key, out page!))
        {
            if (now < page.Expires) return true;
            Remove(key, page);
        }
        return false;
    }

    public bool TryAdd(string key, HotPage page, long generation, DateTimeOffset now)
    {
        var size = page.Size;
        if (page.Body.Length > MaxPageBytes) return false;
        if (!Reserve(size))
        {
            RemoveExpired(now); // copies of pages nobody asked for since they expired still hold their room
            if (!Reserve(size)) return false;
        }
        if (!_pages.TryAdd(key, page))
        {
            Interlocked.Add(ref _bytes, -size); // a concurrent request recorded the same page first
            return false;
        }
        if (Generation != generation)
        {
            Remove(key, page); // evicted while this response was being made or copied
            return false;
        }
        return true;
    }

    public void EvictByTag(string tag)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, page) in _pages)
            if (page.Tags.Contains(tag)) Remove(key, page);
    }

    private bool Reserve(long size)
    {
        if (Interlocked.Add(ref _bytes, size) <= maxBytes) return true;
        Interlocked.Add(ref _bytes, -size);
        return false;
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, page) in _pages)
            if (now >= page.Expires) Remove(key, page);
    }

    private void Remove(string key, HotPage page)
    {
        if (_pages.TryRemove(new KeyValuePair<string, HotPage>(key, page))) Interlocked.Add(ref _bytes, -page.Size);
    }
}

/// <summary>A 200 as the output cache stored it: its headers (without Age and Content-Length, which are set per answer) and body.</summary>
public sealed record HotPage(KeyValuePair<string, StringValues>[] Headers, byte[] Body, string[] Tags, DateTimeOffset Created, DateTimeOffset Expires)
{
    /// <summary>The body plus a rough allowance for headers and the entry itself.</summary>
    public long Size => Body.Length + 1024;
}
