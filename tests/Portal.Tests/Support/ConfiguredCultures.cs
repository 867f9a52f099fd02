using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portal.Tests.Support;

/// <summary>
/// The languages the portal is configured with: Portal:Cultures and Portal:SourceCulture of src/Portal/appsettings.json,
/// bound to <see cref="PortalOptions"/> as the app binds them. Tests that run in every language read them here, so a
/// language added to the configuration is tested everywhere without a test listing it.
/// </summary>
public static class ConfiguredCultures
{
    public static PortalOptions Options { get; } = Read();

    /// <summary>In the configuration's order (the order of the language menus).</summary>
    public static IReadOnlyList<string> All => Options.Cultures;

    public static string Source => Options.SourceCulture;

    /// <summary>Every language but the source: the ones translated from it.</summary>
    public static IEnumerable<string> Translations => All.Where(c => c != Source);

    /// <summary>The languages written right to left (as .NET knows them, which is what <c>dir</c> is rendered from).</summary>
    public static IEnumerable<string> RightToLeft => All.Where(c => CultureInfo.GetCultureInfo(c).TextInfo.IsRightToLeft);

    public static TheoryData<string> Theory(IEnumerable<string> cultures) => [.. cultures];

    private static PortalOptions Read()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "src", "Portal", "appsettings.json")).Build();
        var options = configuration.GetSection("Portal").Get<PortalOptions>()
            ?? throw new InvalidOperationException("src/Portal/appsettings.json has no Portal section");
        if (options.Cultures.Count == 0) throw new InvalidOperationException("src/Portal/appsettings.json lists no Portal:Cultures");
        return options;
    }
}
