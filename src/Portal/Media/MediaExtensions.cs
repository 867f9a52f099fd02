namespace Portal.Media;

public static class MediaExtensions
{
    public static IHostApplicationBuilder AddPortalMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UploadMedia.Handler>();
        builder.Services.AddScoped<AltTexts.Handler>();
        builder.Services.AddScoped<RetireMedia.Handler>();
        builder.Services.AddScoped<UploadVideo.Handler>();
        builder.Services.AddScoped<MediaTexts.Handler>();
        builder.Services.AddSingleton<VideoFileCache>();
        return builder;
    }
}
