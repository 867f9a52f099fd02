using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Support;

/// <summary>
/// Marks an answer the output cache served with <c>X-Test-Cache: hit</c>, in the tests only. The app sends no Age
/// (it would make a fresh answer stale in browsers and proxies), so tests need their own way to tell a hit from a render:
/// a wrapper of the cache store notes a found entry in the request's own slot.
/// </summary>
public static class CacheHits
{
    public const string Header = "X-Test-Cache";

    private static readonly AsyncLocal<StrongBox<bool>?> Hit = new();

    public static bool FromCache(this HttpResponseMessage response) => response.Headers.Contains(Header);

    public static void Add(IServiceCollection services)
    {
        var original = services.Last(s => s.ServiceType == typeof(IOutputCacheStore));
        services.Remove(original);
        services.AddSingleton<IOutputCacheStore>(sp => new Store((IOutputCacheStore)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
        services.AddSingleton<IStartupFilter, Marker>();
    }

    private sealed class Marker : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                var hit = Hit.Value = new StrongBox<bool>();
                http.Response.OnStarting(() =>
                {
                    if (hit.Value) http.Response.Headers[Header] = "hit";
                    return Task.CompletedTask;
                });
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    private sealed class Store(IOutputCacheStore inner) : IOutputCacheStore
    {
        public async ValueTask<byte[]?> GetAsync(string key, CancellationToken ct)
        {
            var entry = await inner.GetAsync(key, ct);
            if (entry is not null && Hit.Value is { } hit) hit.Value = true;
            return entry;
        }

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken ct) => inner.SetAsync(key, value, tags, validFor, ct);
        public ValueTask EvictByTagAsync(string tag, CancellationToken ct) => inner.EvictByTagAsync(tag, ct);
    }
}
