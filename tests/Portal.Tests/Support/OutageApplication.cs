using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Tests.Support;

/// <summary>
/// The real app on a database it can lose and get back while it runs, on this run's provider. SQLite: a file in a folder
/// of its own that is moved away (new connections cannot open it, as when a volume goes) and back. PostgreSQL: the
/// app reaches its server through a TCP relay that, while cut, resets every connection (as a server restart or a
/// network partition does), so the app sees the same socket errors and the other tests' databases are untouched.
/// </summary>
public sealed class OutageApplication : PortalApplication
{
    private readonly string? _folder;
    private readonly TcpRelay? _relay;

    public OutageApplication()
    {
        if (TestDatabase.Provider == TestProvider.PostgreSql)
        {
            var direct = new NpgsqlConnectionStringBuilder(ConnectionString);
            _relay = new TcpRelay(direct.Host!, direct.Port);
            AppConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = _relay.Port }.ConnectionString;
            return;
        }
        _folder = Directory.CreateTempSubdirectory("portal-outage").FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "db"));
        AppConnectionString = $"Data Source={Path.Combine(_folder, "db", "portal.db")}";
    }

    /// <summary>What the app connects with: a file, or the PostgreSQL database through the relay.</summary>
    public string AppConnectionString { get; }

    /// <summary>Every line the app logs, for what an operator reads during the outage.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Database:ConnectionString", AppConnectionString);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    /// <summary>From now on the app cannot reach its database; connections it holds break on their next use.</summary>
    public void Cut()
    {
        if (_relay is not null)
        {
            _relay.Cut();
            return;
        }
        SqliteConnection.ClearAllPools(); // pooled connections would keep the moved file open
        Directory.Move(Path.Combine(_folder!, "db"), Path.Combine(_folder!, "gone"));
    }

    public void Restore()
    {
        if (_relay is not null)
        {
            _relay.Restore();
            return;
        }
        Directory.Move(Path.Combine(_folder!, "gone"), Path.Combine(_folder!, "db"));
    }

    protected override void Dispose(bool disposing)
    {
        // Back before the base drops the PostgreSQL database (it connects directly, but the app's pool goes through the relay).
        if (disposing && _relay is { IsCut: true }) Restore();
        if (disposing && _folder is not null && Directory.Exists(Path.Combine(_folder, "gone"))) Restore();
        base.Dispose(disposing);
        if (!disposing) return;
        _relay?.Dispose();
        if (_folder is null || !Directory.Exists(_folder)) return; // disposed before
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A TCP relay to one server that can be cut: every open connection is reset and new ones are reset on accept.</summary>
    private sealed class TcpRelay : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly string _host;
        private readonly int _port;
        private readonly ConcurrentDictionary<Socket, byte> _open = new();
        private readonly CancellationTokenSource _stop = new();
        private volatile bool _cut;

        public TcpRelay(string host, int port)
        {
            (_host, _port) = (host, port);
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public bool IsCut => _cut;

        public void Cut()
        {
            _cut = true;
            foreach (var socket in _open.Keys) Reset(socket);
        }

        public void Restore() => _cut = false;

        private static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0); // close with RST, as a dead peer's host answers
                socket.Close();
            }
            catch (ObjectDisposedException) { }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try { client = await _listener.AcceptSocketAsync(_stop.Token); }
                catch (Exception) { return; }
                if (_cut)
                {
                    Reset(client);
                    continue;
                }
                _ = RelayAsync(client);
            }
        }

        private async Task RelayAsync(Socket client)
        {
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            _open[client] = 0;
            _open[server] = 0;
            try
            {
                await server.ConnectAsync(_host, _port, _stop.Token);
                await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
            }
            catch (Exception) { }
            finally
            {
                _open.TryRemove(client, out _);
                _open.TryRemove(server, out _);
                Reset(client);
                Reset(server);
            }
        }

        private async Task PumpAsync(Socket from, Socket to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
            catch (Exception) { }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var socket in _open.Keys) Reset(socket);
        }
    }
}
