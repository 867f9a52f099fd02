using System.Collections.Frozen;
using System.Globalization;

namespace Portal.Localization;

/// <summary>The supported cultures from <see cref="PortalOptions"/>, as CultureInfo, with the helpers every page needs.</summary>
public sealed class PortalCultures
{
    public PortalCultures(PortalOptions options)
    {
        Source = options.SourceCulture;
        Names = options.Cultures.ToArray();
        All = Names.Select(n => CultureInfo.GetCultureInfo(n)).ToArray();
        _set = Names.ToFrozenSet(StringComparer.Ordinal);
    }

    private readonly FrozenSet<string> _set;

    public string Source { get; }
    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<CultureInfo> All { get; }

    public bool IsSupported(string? culture) => culture is not null && _set.Contains(culture);

    public static string Direction(CultureInfo culture) => culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";

    /// <summary>A language's own name, capitalised as a menu entry ("Nederlands", "français" → "Français").</summary>
    public static string NativeName(CultureInfo culture)
    {
        var name = culture.NativeName;
        return name.Length > 0 ? char.ToUpper(name[0], culture) + name[1..] : name;
    }

    /// <summary>
    /// Tags phones send for a language the portal has under another name: Sorani speakers' phones often say ku (Kurdish)
    /// or ku-IQ, and Dari is prs (Persian as written in Afghanistan). Latin-script Kurdish (Kurmanji: ku-Latn, ku-TR,
    /// ku-SY) is not Sorani and is left unmatched (docs/decisions/0009-dates-and-language-tags-for-persian-and-sorani.md).
    /// </summary>
    private static string? Alias(string tag) => tag switch
    {
        "ku" or "ku-iq" or "ku-ir" or "ku-arab" or "ku-arab-iq" or "ku-arab-ir" => "ckb",
        _ when tag.StartsWith("prs", StringComparison.Ordinal) && (tag.Length == 3 || tag[3] == '-') => "fa",
        _ => null,
    };

    /// <summary>Best supported culture for an Accept-Language header, honouring q-values; null when nothing matches.</summary>
    public string? Match(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)) return null;
        var ranges = Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.ParseList(acceptLanguage.Split(','));
        foreach (var range in ranges.OrderByDescending(r => r.Quality ?? 1))
        {
            if (range.Quality == 0) continue;
            var tag = range.Value.Value?.ToLowerInvariant();
            if (tag is null) continue;
            if (IsSupported(tag)) return tag;
            var primary = tag.Split('-')[0];
            if (IsSupported(primary)) return primary;
            if (Alias(tag) is { } alias && IsSupported(alias)) return alias;
        }
        return null;
    }
}
