using System.Diagnostics;
using System.Net;

namespace Portal.Tests.Support;

/// <summary>
/// The real app as an operator starts it: `dotnet Portal.dll` from the test binaries' folder, configured only through
/// its environment. One place for the settings every such test needs, so that a new required setting is added once.
/// </summary>
public static class PortalProcess
{
    public const string Provider = "Portal__Database__Provider";
    public const string ConnectionString = "Portal__Database__ConnectionString";

    /// <summary>
    /// A process on <paramref name="database"/>, this run's provider (a SQLite file or a fresh PostgreSQL database); without
    /// one, a SQLite file in the temporary folder for a process that stops before it opens a database.
    /// </summary>
    public static Dictionary<string, string?> Settings(ProcessDatabase? database = null)
        => database is null
            ? Settings("Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"portal-{Guid.NewGuid():N}.db")}")
            : Settings(TestDatabase.AppProviderSetting, database.ConnectionString);

    /// <summary>
    /// The settings of every test process; a test changes what it is about. A value of null removes the variable from
    /// the environment the process would inherit.
    /// </summary>
    public static Dictionary<string, string?> Settings(string provider, string connectionString) => new()
    {
        [Provider] = provider,
        [ConnectionString] = connectionString,
        ["Portal__ContentPath"] = RepoPaths.Content,
        ["Portal__LocalesPath"] = RepoPaths.Locales,
        // The test binaries' folder has no wwwroot (the in-process apps use src/Portal's), and a published app has one.
        ["ASPNETCORE_WEBROOT"] = Path.Combine(RepoPaths.Root, "src", "Portal", "wwwroot"),
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0", // a port of its own, should it serve
        ["Portal__PublicUrl"] = "http://127.0.0.1", // required in Production, which a plain process is; the host the tests call
        ["Portal__Scheduler__Enabled"] = "false",
        ["PORTAL_PASSWORD"] = null, // never the one of the shell that runs the tests
    };

    /// <summary>Runs the app (a command, or a start that should be refused) to its end: exit code, standard output, standard error.</summary>
    public static Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
        => RunWithInputAsync(settings, stdin: null, args);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="stdin"/> written to its standard input (a password).</summary>
    public static async Task<(int Code, string Output, string Error)> RunWithInputAsync(IReadOnlyDictionary<string, string?> settings, string? stdin, params string[] args)
    {
        using var p = Process.Start(StartInfo(settings, args, stdin is not null))!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        // A start that should have been refused serves instead, and never exits by itself.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet Portal.dll {string.Join(' ', args)} was still running after 2 minutes.");
        }
        return (p.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the server and returns it once it says where it listens and answers /health/ready with 200. The caller
    /// disposes it, which kills it if it still runs.
    /// </summary>
    public static async Task<Server> StartServerAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan within)
    {
        var process = Process.Start(StartInfo(settings, [], stdin: false))!;
        var server = new Server(process);
        try
        {
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                const string Marker = "Now listening on: ";
                if (e.Data is null) return;
                server.Lines.Enqueue(e.Data);
                if (e.Data.IndexOf(Marker, StringComparison.Ordinal) is >= 0 and var at) listening.TrySetResult(new Uri(e.Data[(at + Marker.Length)..].Trim()));
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _ = process.WaitForExitAsync().ContinueWith(_ => listening.TrySetException(new InvalidOperationException($"the server exited with {process.ExitCode}")), TaskScheduler.Default);
            server.Address = await listening.Task.WaitAsync(within);

            using var probe = new HttpClient { BaseAddress = server.Address };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                using (var ready = await probe.GetAsync("/health/ready")) if (ready.StatusCode == HttpStatusCode.OK) break;
                Assert.True(deadline.Elapsed < within, "the server did not become ready");
                await Task.Delay(100);
            }
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> settings, IEnumerable<string> args, bool stdin)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = stdin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in settings)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        return psi;
    }

    /// <summary>A running server process; disposing it kills it (and what it started) if it still runs.</summary>
    public sealed class Server(Process process) : IDisposable
    {
        public Process Process { get; } = process;
        public Uri Address { get; internal set; } = null!;
        internal System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        /// <summary>What it has written to standard output so far (its log).</summary>
        public string Output => string.Join('\n', Lines);

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
