using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// A full disk while the portal runs: a save answers 503 "storage full" and keeps the editor's text, the log says
/// "disk full", and /health/ready is 503 until a write fits again.
/// </summary>
// SQLite only: SQLite's max_page_count fills the database as a full disk would (the same SQLITE_FULL); PostgreSQL's
// disk_full (53100) is classified by the same code.
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class FullDiskTests : IDisposable
{
    /// <summary>Caps every connection's database at the pages it has now while <see cref="Full"/> is set.</summary>
    private sealed class Disk : DbConnectionInterceptor
    {
        public volatile bool Full;
        public int Opened;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            Interlocked.Increment(ref Opened);
            using var cap = connection.CreateCommand();
            cap.CommandText = Full ? "PRAGMA max_page_count = 1" : "PRAGMA max_page_count = 1073741823"; // never below the pages it has
            cap.ExecuteNonQuery();
        }

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }
    }

    private sealed class FullDiskApplication(LogCapture logs, Disk disk, string file) : PortalApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:Database:ConnectionString", $"Data Source={file}"); // a file: max_page_count holds per connection
            builder.ConfigureLogging(l => l.AddProvider(logs));
            builder.ConfigureTestServices(s => s.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(disk)));
        }
    }

    private readonly LogCapture _logs = new();
    private readonly Disk _disk = new();
    private readonly FullDiskApplication _app;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"portal-full-{Guid.NewGuid():N}.db");

    public FullDiskTests() => _app = new FullDiskApplication(_logs, _disk, _file);

    public void Dispose()
    {
        _app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }

    [Fact]
    public async Task ASaveOnAFullDiskIs503StorageFullKeepsTheTextAndTheNodeIsNotReady()
    {
        using var api = _app.CreateClient();
        api.UseToken(await _app.EditorTokenAsync());
        using var editor = await _app.SignInAsync("editor@example.org", "Editor");
        var about = await _app.ItemIdAsync("about");
        var form = await editor.GetDocumentAsync($"/editor/content/{about}/nl");
        using var got = await api.GetAsync("/api/v1/manage/items/page/about/nl");
        var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
        draft["body"] = new string('x', 90_000); // under the body limit, over what the capped file has left

        _disk.Full = true;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // new connections, capped

        using var saved = await ManagementApiTests.SendAsync(api, HttpMethod.Put, "/api/v1/manage/items/page/about/nl/draft", draft, got.Headers.ETag);
        Assert.True(saved.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)saved.StatusCode}, {_disk.Opened} connections opened");
        Assert.NotNull(saved.Headers.RetryAfter);
        Assert.Contains("storage full", (string)JsonNode.Parse(await saved.Content.ReadAsStringAsync())!["detail"]!);
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("disk full"));

        using var posted = await editor.SubmitAsync(form, "#edit-form", "button[formaction*='handler=Save']",
            new Dictionary<string, string?> { ["Form.Body"] = "Mijn tekst, niet kwijt. " + new string('y', 90_000) });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.StatusCode);
        var page = await Html.GetDocumentAsync(posted);
        Assert.StartsWith("Mijn tekst, niet kwijt.", page.QuerySelector("textarea[name='Form.Body']")!.TextContent);
        Assert.Contains("opslag is vol", page.QuerySelector("#edit-error")!.TextContent); // the workspace speaks Dutch unless asked otherwise

        using var reader = _app.CreateReaderClient();
        var (status, body, _) = await HealthTests.GetAsync(reader, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("disk full", body);

        _disk.Full = false;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, (await HealthTests.GetAsync(reader, "/health/ready")).Status); // room again: ready again
    }
}
