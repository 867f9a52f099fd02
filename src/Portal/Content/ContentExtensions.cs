using Microsoft.Extensions.Options;
using Portal.Content.Import;
using Portal.Content.Markdown;
using Portal.Content.Search;
using Portal.Infrastructure;

namespace Portal.Content;

public static class ContentExtensions
{
    public static IHostApplicationBuilder AddPortalContent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>().BindConfiguration("Portal").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PortalOptions>>().Value);
        builder.Services.AddSingleton(sp => new ContentFolder(RepositoryFolder.Resolve(sp.GetRequiredService<PortalOptions>().ContentPath, "content", builder.Environment.ContentRootPath)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<ContentValidator>();
        builder.Services.AddScoped<ContentImporter>();
        builder.Services.AddScoped<ReaderCache>();
        builder.Services.AddSingleton<ReaderLastModified>();
        builder.Services.AddSingleton<ReaderCacheListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReaderCacheListener>());
        builder.Services.AddScoped<ContentExporter>();
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        return builder;
    }
}
