using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;

namespace Portal.Operations;

/// <summary>
/// Tells a reader page that `export-site` asked for it (<see cref="SiteMirror"/>): it then says when the copy was made,
/// and leaves out what cannot work as plain files (the search box, the support-point filter, the copies' QR code of a
/// live address). Only a request carrying this process's random secret counts, so no reader can ask for a mirror page;
/// such a request is never answered from, nor stored in, the output cache.
/// </summary>
public sealed class SiteMirrorRequests
{
    public const string Header = "X-Portal-Mirror";

    private (string Secret, DateTimeOffset Made)? _run;

    /// <summary>Starts an export made at <paramref name="made"/>; returns the header value its requests carry.</summary>
    public string Begin(DateTimeOffset made)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _run = (secret, made);
        return secret;
    }

    public void End() => _run = null;

    /// <summary>When the copy this request is for was made; null for every ordinary request.</summary>
    public DateTimeOffset? CopyMade(HttpContext http)
        => _run is { } run && http.Request.Headers[Header] is [{ } value]
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(value), System.Text.Encoding.ASCII.GetBytes(run.Secret))
            ? run.Made : null;

    /// <summary>Part of the reader cache policy: a mirror page differs from the live one, so it bypasses the cache both ways.</summary>
    public sealed class BypassCache : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.RequestServices.GetService<SiteMirrorRequests>()?.CopyMade(context.HttpContext) is not null)
            {
                context.AllowCacheLookup = false;
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
