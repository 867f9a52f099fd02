using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Portal.Tests.Support;

/// <summary>
/// A partner's webhook endpoint: a real Kestrel server on 127.0.0.1, port 0, that records every request and answers
/// <see cref="Status"/>. Kestrel alone, without a host: a host built while a WebApplicationFactory of another test class
/// starts could be taken for that factory's app.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers);

    private readonly KestrelServer _server;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
    public ConcurrentQueue<Received> All { get; } = new();
    public string Url { get; private set; } = "";

    private WebhookReceiver()
    {
        var options = new KestrelServerOptions { ApplicationServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        options.Listen(IPAddress.Loopback, 0);
        _server = new KestrelServer(Options.Create(options), new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance), NullLoggerFactory.Instance);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._server.StartAsync(new Application(receiver), default);
        receiver.Url = receiver._server.Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/hooks/portal";
        return receiver;
    }

    /// <summary>The next request, or a failure after the timeout.</summary>
    public async Task<Received> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(default);
        _server.Dispose();
    }

    private sealed class Application(WebhookReceiver receiver) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public async Task ProcessRequestAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            headers["method"] = context.Request.Method;
            headers["path"] = context.Request.Path;
            var received = new Received(body, headers);
            receiver.All.Enqueue(received);
            receiver._received.Writer.TryWrite(received);
            context.Response.StatusCode = (int)receiver.Status;
        }

        public void DisposeContext(HttpContext context, Exception? exception) { }
    }
}
