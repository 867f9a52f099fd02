using Microsoft.AspNetCore.Hosting;

namespace Portal.Tests.Support;

/// <summary>A portal on an empty database of its own whose first start imports the given content folder, not the repository's.</summary>
public sealed class ContentFolderApplication(string folder) : PortalApplication
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:ContentPath", folder);
    }
}
