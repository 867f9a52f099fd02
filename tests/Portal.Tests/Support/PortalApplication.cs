using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Content;
using Portal.Content.Search;
using Portal.Data;
using Portal.Operations;

namespace Portal.Tests.Support;

/// <summary>
/// The real app over a database of its own (TodoApi's TodoApplication shape), on the provider of this test run
/// (<see cref="TestDatabase.Provider"/>): an in-memory SQLite database, or a fresh PostgreSQL database that is dropped
/// on dispose. The app migrates and seeds it from the repository's content/ exactly as on a first start. On SQLite the
/// open keeper connection keeps the shared in-memory database alive for the factory's lifetime.
/// </summary>
public class PortalApplication : WebApplicationFactory<Program>
{
    private readonly SqliteConnection? _keeper;
    private readonly string? _ownPostgresDatabase;

    public PortalApplication() : this(null) { }

    /// <param name="connectionString">Another app's database, to start a second instance on it (a "restart"); that app keeps owning it.</param>
    protected PortalApplication(string? connectionString)
    {
        if (TestDatabase.Provider == TestProvider.PostgreSql)
        {
            if (connectionString is null) (_ownPostgresDatabase, connectionString) = TestDatabase.NewPostgresDatabase();
            ConnectionString = connectionString;
            return;
        }
        ConnectionString = connectionString ?? $"Data Source=file:portal-{Guid.NewGuid():N}?mode=memory&cache=shared";
        _keeper = new SqliteConnection(ConnectionString);
        _keeper.Open();
    }

    public string ConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:Database:Provider", TestDatabase.AppProviderSetting);
        builder.UseSetting("Portal:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Portal:ContentPath", RepoPaths.Content);
        builder.UseSetting("Portal:LocalesPath", RepoPaths.Locales);
        builder.UseSetting("Portal:Scheduler:Enabled", SchedulerEnabled ? "true" : "false");
        builder.UseSetting("Portal:Webhooks:Enabled", WebhooksEnabled ? "true" : "false");
        // Many portals share this process: a full collection after each language's index build would pause them all, and
        // one portal's start is not the process's (the pages it would hand back are the running portals' too).
        builder.UseSetting("Portal:Search:CollectAfterBuild", "false");
        builder.UseSetting("Portal:Memory:ReleaseStartPages", "false");
        builder.ConfigureTestServices(CacheHits.Add);
    }

    /// <summary>
    /// The app prepares its database beside starting its server (<see cref="DatabaseStartup"/>); HTTP requests wait for
    /// that, but tests also read the database directly, so the factory returns only once it is over.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (WaitForDatabaseStep) host.Services.GetRequiredService<DatabaseStartup>().Prepared.GetAwaiter().GetResult();
        return host;
    }

    /// <summary>False only for a test of what readers get while the step is still running.</summary>
    protected virtual bool WaitForDatabaseStep => true;

    /// <summary>The background publisher is off by default: tests call ScheduledPublisher.RunOnceAsync when they mean it.</summary>
    public bool SchedulerEnabled { get; init; }

    /// <summary>The webhook dispatcher is off too: tests call WebhookDispatcher.RunOnceAsync, except the one that shows the loop.</summary>
    public bool WebhooksEnabled { get; init; }

    /// <summary>A client that does not follow redirects, so a test sees the 302 itself.</summary>
    public HttpClient CreateReaderClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The search index is built beside the first requests (a search answers 503 until then): waits for it, 30 s at most.</summary>
    public async Task SearchReadyAsync()
    {
        var index = Services.GetRequiredService<SearchIndex>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!index.IsReady && watch.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
    }

    /// <summary>Runs code against the app's own DbContext in a scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), scope.ServiceProvider);
    }

    public async Task EvictReaderCacheAsync()
        => await Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(ContentCacheTags.Reader, default);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _keeper?.Dispose();
        if (_ownPostgresDatabase is not null) TestDatabase.DropPostgresDatabase(_ownPostgresDatabase, ConnectionString);
    }
}
