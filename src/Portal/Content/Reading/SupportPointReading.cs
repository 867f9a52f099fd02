using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>
/// The one read of support points, shared by the reader page /{culture}/support-points, the contact card (.vcf) and
/// the delivery API. A support point without its fields (city, address, phone) is never listed or served.
/// </summary>
public static class SupportPointReading
{
    /// <summary>What a list is narrowed to: a city (not case-sensitive), a province code, a spoken language's code; null for all.</summary>
    public sealed record Filter(string? City = null, string? Region = null, string? Language = null);

    /// <summary>
    /// Every city and region with a support point and every language one speaks (for the filter's choices), the city asked
    /// for (trimmed; null for all), and the points that match.
    /// </summary>
    public sealed record ByCity(IReadOnlyList<string> Cities, IReadOnlyList<string> Regions, IReadOnlyList<string> Languages, string? City,
        Listing<PublishedText> Points);

    /// <summary>
    /// One SQL command, and one more for the points' language versions when <paramref name="withVersions"/> (the API
    /// gives each point its alternates; the reader page exists in every language). A language filter keeps the points
    /// whose languages are not known: they may well speak it, and a reader should not be told there is no one.
    /// </summary>
    public static async Task<ByCity> ListAsync(
        PortalDbContext db, Filter filter, string culture, string sourceCulture, bool withVersions, CancellationToken ct)
    {
        var all = await Listing.ReadAsync(db, ContentKind.SupportPoint, culture, sourceCulture, withVersions, ContentQueries.SelectText,
            p => p.Fields is SupportPointFields, ct);
        var fields = all.Items.Select(FieldsOf).ToList();
        var cities = fields.Select(f => f.City).Distinct().Order(StringComparer.Ordinal).ToList();
        var regions = Provinces.All.Where(r => fields.Any(f => f.Region == r)).ToList();
        var languages = SpokenLanguages.All.Where(l => fields.Any(f => f.Languages.Contains(l))).ToList();
        var city = string.IsNullOrWhiteSpace(filter.City) ? null : filter.City.Trim();
        var points = all.Items.Where(p => FieldsOf(p) is var f
            && (city is null || string.Equals(f.City, city, StringComparison.OrdinalIgnoreCase))
            && (filter.Region is null || f.Region == filter.Region)
            && (filter.Language is null || f.Languages.Count == 0 || f.Languages.Contains(filter.Language))).ToList();
        return new ByCity(cities, regions, languages, city, all with { Items = points });
    }

    /// <summary>One support point with its language versions: one SQL command.</summary>
    public static async Task<ItemReading.Item?> PointAsync(PortalDbContext db, string slug, string culture, string sourceCulture, CancellationToken ct)
        => await ItemReading.BySlugAsync(db, ContentKind.SupportPoint, slug, culture, sourceCulture, ct) is { Text.Fields: SupportPointFields } point ? point : null;

    private static SupportPointFields FieldsOf(Localized<PublishedText> point) => (SupportPointFields)point.Fields!;
}
