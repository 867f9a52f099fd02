namespace Portal.Webhooks;

public static class WebhooksExtensions
{
    public static IHostApplicationBuilder AddPortalWebhooks(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        s.AddSingleton<WebhookOutbox>(); // the DbContext's interceptor (Data/DataServiceCollectionExtensions.cs)
        s.AddScoped<WebhookCommands>();
        // No redirects (a 3xx is not a delivery) and no logging of the partner's address, which may carry a key.
        s.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        s.AddSingleton<WebhookDispatcher>();
        s.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return builder;
    }
}
