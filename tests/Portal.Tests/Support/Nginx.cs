using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Support;

/// <summary>
/// Debian's nginx as a plain process on 127.0.0.1 with a prefix folder of its own (no system service): either a
/// caching proxy in front of a portal (<see cref="CachingProxy"/>) or a static web server for a folder
/// (<see cref="StaticSite"/>). Stopped and its folder removed on dispose. Recipe: /work/shared/docs/TOOLING.md.
/// </summary>
public sealed class Nginx : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    readonly string _prefix;
    readonly Process _process;

    public string BaseUrl { get; }

    /// <summary>What the proxy logged (errors and warnings), for a failing test's message.</summary>
    public string ErrorLog => Read("error.log");

    /// <summary>
    /// The caching proxy's requests to its upstream, background revalidations included: one line each,
    /// <c>cache-status upstream-status uri</c> (e.g. <c>EXPIRED 304 /nl/</c>; <c>-</c> when the upstream was not asked).
    /// </summary>
    public string[] UpstreamLog => Read("upstream.log").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    string Read(string name)
    {
        var path = Path.Combine(_prefix, name);
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    Nginx(string prefix, Process process, int port)
    {
        _prefix = prefix;
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    /// <summary>
    /// A caching proxy for <paramref name="upstream"/> (e.g. http://127.0.0.1:41234): honours Cache-Control, revalidates
    /// with the upstream's validators, keys on the URL (so it depends on the upstream's Vary) and adds
    /// <c>X-Cache: HIT|MISS|EXPIRED|REVALIDATED|…</c> to every answer.
    /// </summary>
    public static Nginx CachingProxy(string upstream) => Start((port, prefix) => $$"""
        proxy_cache_path {{prefix}}/cache keys_zone=portal:4m max_size=64m inactive=10m;
        log_format upstream '$upstream_cache_status $upstream_status $uri';
        server {
          access_log {{prefix}}/upstream.log upstream; log_subrequest on;
          listen 127.0.0.1:{{port}};
          location / {
            proxy_pass {{upstream.TrimEnd('/')}}; proxy_http_version 1.1; proxy_set_header Host $host;
            proxy_cache portal; proxy_cache_revalidate on; proxy_cache_background_update on;
            proxy_cache_use_stale updating error timeout; proxy_cache_lock on;
            add_header X-Cache $upstream_cache_status always;
          }
        }
        """);

    /// <summary>
    /// A plain static web server for <paramref name="root"/>, as any host of a static mirror would be: index.html for a
    /// folder, and 404.html for a missing address (what GitHub Pages and Netlify do by themselves).
    /// </summary>
    public static Nginx StaticSite(string root) => Start((port, _) => $$"""
        include /etc/nginx/mime.types;
        server {
          listen 127.0.0.1:{{port}};
          root {{Path.GetFullPath(root)}};
          index index.html;
          error_page 404 /404.html;
        }
        """);

    static Nginx Start(Func<int, string, string> http)
    {
        var prefix = Directory.CreateTempSubdirectory("portal-nginx-").FullName;
        foreach (var dir in new[] { "body", "proxy", "fcgi", "uwsgi", "scgi", "cache" })
            Directory.CreateDirectory(Path.Combine(prefix, dir));
        var port = FreePort();
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off; master_process off; worker_processes 1;
            pid {{prefix}}/nginx.pid; error_log {{prefix}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/body; proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fcgi; uwsgi_temp_path {{prefix}}/uwsgi; scgi_temp_path {{prefix}}/scgi;
            {{http(port, prefix)}}
            }
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, ["-c", config, "-p", prefix])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx did not start");
        var nginx = new Nginx(prefix, process, port);
        nginx.WaitUntilListening(port);
        return nginx;
    }

    void WaitUntilListening(int port)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()} {ErrorLog}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"nginx did not listen on {port}: {ErrorLog}");
    }

    /// <summary>nginx cannot report a port it was given as 0, so take one the kernel handed out for port 0 and free it.</summary>
    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_prefix, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute() => Skip = TestTools.SkipUnless(File.Exists(Nginx.Binary), "Debian's nginx is not installed");
}
