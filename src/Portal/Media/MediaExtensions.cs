namespace Portal.Media;

public static class MediaExtensions
{
    public static IHostApplicationBuilder AddPortalMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UploadMedia.Handler>();
        builder.Services.AddScoped<AltTexts.Handler>();
        builder.Services.AddScoped<RetireMedia.Handler>();
        builder.Services.AddScoped<ChangePoster.Handler>();
        builder.Services.AddScoped<MediaPages>();
        builder.Services.AddScoped<UploadVideo.Handler>();
        builder.Services.AddScoped<MediaTexts.Handler>();
        builder.Services.AddSingleton<VideoFileCache>();
        return builder;
    }

    /// <summary>Where files are kept (<see cref="MediaStore"/>), checked now: throws <see cref="Data.PortalConfigurationException"/> for a fault.</summary>
    public static IHostApplicationBuilder AddPortalMediaStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(MediaStore.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath));
        return builder;
    }
}
