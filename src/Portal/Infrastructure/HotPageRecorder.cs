using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Portal.Infrastructure;

/// <summary>
/// Passes a response through to the client and keeps a copy for <see cref="HotPages"/>. It sits outside the output
/// cache, so it sees exactly what the output cache sends (its hits included) and takes the headers at the first byte,
/// where the output cache takes its own; whether the copy may be kept is the output cache's verdict on the response.
/// </summary>
internal sealed class HotPageRecorder(Stream client, HttpContext http) : Stream
{
    private MemoryStream? _copy = new();
    private OutputCacheContext? _cache;
    private KeyValuePair<string, StringValues>[] _headers = [];
    private bool _started;

    /// <summary>The copy, if the output cache stored (or served) this response as a complete 200 with the given tag.</summary>
    public HotPage? Take(string tag, DateTimeOffset now, TimeSpan defaultValidFor)
    {
        var response = http.Response;
        if (_copy is not { Length: > 0 } || _cache is not { AllowCacheStorage: true } cache || !cache.Tags.Contains(tag)
            || response.StatusCode != StatusCodes.Status200OK || response.ContentLength is { } length && length != _copy.Length)
            return null;
        // A hit from the output cache carries the entry's age: the copy is as old as the entry and expires with it.
        var created = HeaderUtilities.TryParseNonNegativeInt64(response.Headers.Age.ToString(), out var age) ? now.AddSeconds(-age) : now;
        return new HotPage(_headers, _copy.ToArray(), [.. cache.Tags], created, created + (cache.ResponseExpirationTimeSpan ?? defaultValidFor));
    }

    private void Start()
    {
        if (_started) return;
        _started = true;
        _cache = http.Features.Get<IOutputCacheFeature>()?.Context; // gone once the output cache returns
        if (_cache is not { AllowCacheStorage: true } || http.Response.StatusCode != StatusCodes.Status200OK)
        {
            _copy = null;
            return;
        }
        _headers = [.. http.Response.Headers.Where(h => !PerAnswer(h.Key))];
    }

    private static bool PerAnswer(string header)
        => header.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase)
            || header.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
            || header.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
            || header.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase);

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        Start();
        if (_copy is null) return;
        if (_copy.Length + bytes.Length > HotPages.MaxPageBytes) _copy = null; // too large to keep a second copy of
        else _copy.Write(bytes);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        client.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Keep(buffer);
        client.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        return client.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        Start();
        client.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Start();
        return client.FlushAsync(cancellationToken);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
