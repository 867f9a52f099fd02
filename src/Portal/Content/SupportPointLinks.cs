using System.Text.RegularExpressions;

namespace Portal.Content;

/// <summary>Phone, route and contact-card links for a support point: what makes "one tap" work.</summary>
public static partial class SupportPointLinks
{
    /// <summary>A Dutch number as written locally (070-3897001) as an international tel: URI (tel:+31703897001).</summary>
    public static string? Tel(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = NonDigits().Replace(phone, "");
        if (phone.TrimStart().StartsWith('+')) return "tel:+" + digits;
        if (digits.StartsWith("00", StringComparison.Ordinal)) return "tel:+" + digits[2..];
        if (digits.StartsWith('0')) return "tel:+31" + digits[1..];
        return "tel:" + digits;
    }

    /// <summary>A search on OpenStreetMap; only a link, nothing is loaded from it.</summary>
    public static string? Route(SupportPointFields f)
        => f.Address is null ? null
            : "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString($"{f.Address}, {f.Postcode} {f.City}, Nederland".Replace(" ,", ","));

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigits();
}
