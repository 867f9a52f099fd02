using Microsoft.AspNetCore.Hosting;

namespace Portal.Tests.Support;

/// <summary>The real app on a SQLite file (as in production), not the tests' in-memory database.</summary>
/// <param name="waitForDatabaseStep">False only for a test of what readers get while the start's database step runs.</param>
public sealed class SqliteFileApplication(string file, bool waitForDatabaseStep = true) : PortalApplication
{
    protected override bool WaitForDatabaseStep => waitForDatabaseStep;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Database:ConnectionString", $"Data Source={file}");
    }
}
