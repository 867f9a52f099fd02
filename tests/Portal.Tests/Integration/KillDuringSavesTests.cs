using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The real server, as an operator runs it (`dotnet Portal.dll` on a SQLite file, a token from the `users` and `tokens`
/// commands), killed with SIGKILL while scripts save drafts through the management API, then started again on the same
/// file: every save it acknowledged (a 2xx with its ETag) is there, and the file passes `PRAGMA integrity_check`.
/// </summary>
// SQLite only: what a kill can break is the file and its write-ahead log; a PostgreSQL server outlives the node.
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class KillDuringSavesTests : IDisposable
{
    private static readonly string[] Pages = ["about", "contact", "options", "partners"];
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(90); // a cold start on a loaded 2-core machine
    private readonly string _dir = Directory.CreateTempSubdirectory("portal-kill").FullName;
    private readonly List<Process> _servers = [];

    private string DbFile => Path.Combine(_dir, "portal.db");
    private string Content => Path.Combine(_dir, "content");

    /// <summary>Only the pages the scripts save, in Dutch: a first start seeds four items, not the whole site, in seconds.</summary>
    public KillDuringSavesTests()
    {
        Directory.CreateDirectory(Path.Combine(Content, "pages"));
        foreach (var page in Pages) System.IO.File.Copy(Path.Combine(RepoPaths.Content, "pages", $"{page}.nl.md"), Path.Combine(Content, "pages", $"{page}.nl.md"));
    }

    private Dictionary<string, string> Settings => new()
    {
        ["ASPNETCORE_WEBROOT"] = Path.Combine(RepoPaths.Root, "src", "Portal", "wwwroot"),
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["Portal__Database__Provider"] = "Sqlite",
        ["Portal__Database__ConnectionString"] = $"Data Source={DbFile}",
        ["Portal__Scheduler__Enabled"] = "false",
        ["Portal__PublicUrl"] = "http://127.0.0.1", // required in Production, which a plain process is; the host the test calls
        ["Portal__ContentPath"] = Content,
    };

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            server.Dispose();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var env = Settings;
        env["PORTAL_PASSWORD"] = EditorSession.Password;
        var (code, output, error) = await ProviderSettingTests.RunPortalAsync(env, args);
        Assert.True(code == 0, $"{string.Join(' ', args)}: exit {code}\n{output}\n{error}");
        return output;
    }

    /// <summary>Starts the server and returns its address once it says where it listens and is ready.</summary>
    private async Task<(Process Server, Uri Address)> StartServerAsync()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        psi.Environment["Portal__LocalesPath"] = RepoPaths.Locales;
        foreach (var (k, v) in Settings) psi.Environment[k] = v;
        var server = Process.Start(psi)!;
        _servers.Add(server);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OutputDataReceived += (_, e) =>
        {
            const string Marker = "Now listening on: ";
            if (e.Data?.IndexOf(Marker, StringComparison.Ordinal) is >= 0 and var at) listening.TrySetResult(new Uri(e.Data[(at + Marker.Length)..].Trim()));
        };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _ = server.WaitForExitAsync().ContinueWith(_ => listening.TrySetException(new InvalidOperationException($"the server exited with {server.ExitCode}")), TaskScheduler.Default);
        var address = await listening.Task.WaitAsync(Start);

        using var probe = new HttpClient { BaseAddress = address };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using (var ready = await probe.GetAsync("/health/ready")) if (ready.StatusCode == HttpStatusCode.OK) break;
            Assert.True(deadline.Elapsed < Start, "the server did not become ready");
            await Task.Delay(100);
        }
        return (server, address);
    }

    private static HttpClient Api(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Url(string page) => $"/api/v1/manage/items/page/{page}/nl";

    /// <summary>One script saving one page's draft over and over, each save on the ETag of the one before; records what the server acknowledged.</summary>
    private static async Task SaveUntilKilledAsync(HttpClient api, string page, ConcurrentBag<(string Page, string Body, string ETag)> acknowledged, CancellationToken stop)
    {
        try
        {
            using var got = await api.GetAsync(Url(page), stop);
            var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
            var etag = got.Headers.ETag;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var body = draft.DeepClone().AsObject();
                body["body"] = $"{page}: save {n} before the kill.";
                using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, Url(page) + "/draft", body, etag);
                Assert.True(saved.IsSuccessStatusCode, $"{page} save {n}: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
                etag = saved.Headers.ETag ?? throw new InvalidOperationException("a save answered without an ETag");
                acknowledged.Add((page, (string)body["body"]!, etag.Tag));
            }
        }
        catch (HttpRequestException) { } // the server is gone: what was in flight is not acknowledged
        catch (TaskCanceledException) { }
    }

    [Fact]
    public async Task EveryAcknowledgedSaveSurvivesAKillAndTheFileIsIntact()
    {
        await RunAsync("users", "add", "script@example.org", "Editor"); // on a fresh install it migrates and seeds the file first
        var token = (await RunAsync("tokens", "add", "script@example.org", "kill test")).Trim();

        var (server, address) = await StartServerAsync();
        var acknowledged = new ConcurrentBag<(string Page, string Body, string ETag)>();
        using var stop = new CancellationTokenSource();
        var clients = Pages.Select(_ => Api(address, token)).ToList();
        var scripts = Pages.Select((page, i) => SaveUntilKilledAsync(clients[i], page, acknowledged, stop.Token)).ToList();

        // Kill mid-stream, with saves in flight: after 40 answered saves, or after 2 s once any was answered (a loaded
        // machine's first saves are slow), and no later than the bound.
        var running = Stopwatch.StartNew();
        while (acknowledged.Count < 40 && !(acknowledged.Count > 0 && running.Elapsed > TimeSpan.FromSeconds(2))
            && running.Elapsed < Start && !scripts.All(s => s.IsCompleted)) await Task.Delay(20);
        server.Kill(); // SIGKILL: no shutdown, no checkpoint
        await server.WaitForExitAsync();
        stop.Cancel();
        await Task.WhenAll(scripts); // a script's failed assertion (a save refused before the kill) surfaces here
        foreach (var c in clients) c.Dispose();
        Assert.True(acknowledged.Count > 0, "no save was acknowledged before the kill");

        var (_, again) = await StartServerAsync();
        SqliteConnection.ClearAllPools();
        await using (var db = new SqliteConnection($"Data Source={DbFile};Mode=ReadOnly"))
        {
            await db.OpenAsync();
            await using var check = db.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
            var lost = new List<string>();
            foreach (var (_, body, _) in acknowledged)
            {
                await using var find = db.CreateCommand();
                find.CommandText = """SELECT COUNT(*) FROM "ContentRevisions" WHERE "BodyMarkdown" = $body""";
                find.Parameters.AddWithValue("$body", body);
                if ((long)(await find.ExecuteScalarAsync())! != 1) lost.Add(body);
            }
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged saves lost or doubled: {string.Join("; ", lost.Take(5))}");
        }

        // The restarted server carries on: a save on the current version goes through.
        using var api = Api(again, token);
        using var current = await api.GetAsync(Url(Pages[0]));
        var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(current));
        draft["body"] = "After the restart.";
        using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, Url(Pages[0]) + "/draft", draft, current.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }
}
