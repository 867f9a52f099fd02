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
    private readonly List<PortalProcess.Server> _servers = [];

    private string DbFile => Path.Combine(_dir, "portal.db");
    private string Content => Path.Combine(_dir, "content");

    /// <summary>Only the pages the scripts save, in Dutch: a first start seeds four items, not the whole site, in seconds.</summary>
    public KillDuringSavesTests()
    {
        Directory.CreateDirectory(Path.Combine(Content, "pages"));
        foreach (var page in Pages) System.IO.File.Copy(Path.Combine(RepoPaths.Content, "pages", $"{page}.nl.md"), Path.Combine(Content, "pages", $"{page}.nl.md"));
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = PortalProcess.Settings("Sqlite", $"Data Source={DbFile}");
        settings["Portal__ContentPath"] = Content;
        return settings;
    }

    public void Dispose()
    {
        foreach (var server in _servers) server.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var settings = Settings();
        settings["PORTAL_PASSWORD"] = EditorSession.Password;
        var (code, output, error) = await PortalProcess.RunAsync(settings, args);
        Assert.True(code == 0, $"{string.Join(' ', args)}: exit {code}\n{output}\n{error}");
        return output;
    }

    private async Task<PortalProcess.Server> StartServerAsync()
    {
        var server = await PortalProcess.StartServerAsync(Settings(), Start);
        _servers.Add(server);
        return server;
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

        var server = await StartServerAsync();
        var address = server.Address;
        var acknowledged = new ConcurrentBag<(string Page, string Body, string ETag)>();
        using var stop = new CancellationTokenSource();
        var clients = Pages.Select(_ => Api(address, token)).ToList();
        var scripts = Pages.Select((page, i) => SaveUntilKilledAsync(clients[i], page, acknowledged, stop.Token)).ToList();

        // Kill mid-stream, with saves in flight: after 40 answered saves, or after 2 s once any was answered (a loaded
        // machine's first saves are slow), and no later than the bound.
        var running = Stopwatch.StartNew();
        while (acknowledged.Count < 40 && !(acknowledged.Count > 0 && running.Elapsed > TimeSpan.FromSeconds(2))
            && running.Elapsed < Start && !scripts.All(s => s.IsCompleted)) await Task.Delay(20);
        server.Process.Kill(); // SIGKILL: no shutdown, no checkpoint
        await server.Process.WaitForExitAsync();
        stop.Cancel();
        await Task.WhenAll(scripts); // a script's failed assertion (a save refused before the kill) surfaces here
        foreach (var c in clients) c.Dispose();
        Assert.True(acknowledged.Count > 0, "no save was acknowledged before the kill");

        var again = (await StartServerAsync()).Address;
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
