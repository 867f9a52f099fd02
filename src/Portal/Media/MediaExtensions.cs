namespace Portal.Media;

public static class MediaExtensions
{
    public static IHostApplicationBuilder AddPortalMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UploadMedia.Handler>();
        return builder;
    }
}
