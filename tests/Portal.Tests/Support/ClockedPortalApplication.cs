using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Portal.Tests.Support;

/// <summary>The app on a clock the test moves (scheduling, dates), optionally on another app's database (a "restart").</summary>
public sealed class ClockedPortalApplication(FakeTimeProvider clock, string? connectionString = null) : PortalApplication(connectionString)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
    }
}
