using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Portal.Localization;

public static class LocalizationExtensions
{
    public static IHostApplicationBuilder AddPortalLocalization(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PortalCultures>();
        services.AddSingleton(LocalesFolder.Of(builder));
        services.AddSingleton<JsonStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => sp.GetRequiredService<JsonStringLocalizerFactory>());
        services.AddLocalization();
        services.AddAllScriptsHtmlEncoder();
        services.AddRouting(o => o.ConstraintMap[CultureRouteConstraint.Name] = typeof(CultureRouteConstraint));
        services.AddOptions<RequestLocalizationOptions>().Configure<PortalCultures>((o, cultures) =>
        {
            o.SetDefaultCulture(cultures.Source);
            o.SupportedCultures = cultures.All.ToList();
            o.SupportedUICultures = cultures.All.ToList();
            o.FallBackToParentCultures = false;
            o.RequestCultureProviders = [new PathCultureProvider(cultures)];
        });
        return builder;
    }
}
