using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>
/// The one read of support points, shared by the reader page /{culture}/support-points, the contact card (.vcf) and
/// the delivery API. A support point without its fields (city, address, phone) is never listed or served.
/// </summary>
public static class SupportPointReading
{
    /// <summary>Every city with a support point, the city asked for (trimmed; null for all), and the points in it.</summary>
    public sealed record ByCity(IReadOnlyList<string> Cities, string? City, Listing<PublishedText> Points);

    /// <summary>
    /// One SQL command, and one more for the points' language versions when <paramref name="withVersions"/> (the API
    /// gives each point its alternates; the reader page exists in every language). The city matches without regard to case.
    /// </summary>
    public static async Task<ByCity> ListAsync(
        PortalDbContext db, string? city, string culture, string sourceCulture, bool withVersions, CancellationToken ct)
    {
        var all = await Listing.ReadAsync(db, ContentKind.SupportPoint, culture, sourceCulture, withVersions, ContentQueries.SelectText,
            p => p.Fields is SupportPointFields, ct);
        var cities = all.Items.Select(CityOf).Distinct().Order(StringComparer.Ordinal).ToList();
        var filter = string.IsNullOrWhiteSpace(city) ? null : city.Trim();
        var points = filter is null ? all : all with { Items = all.Items.Where(p => string.Equals(CityOf(p), filter, StringComparison.OrdinalIgnoreCase)).ToList() };
        return new ByCity(cities, filter, points);
    }

    /// <summary>One support point with its language versions: one SQL command.</summary>
    public static async Task<ItemReading.Item?> PointAsync(PortalDbContext db, string slug, string culture, string sourceCulture, CancellationToken ct)
        => await ItemReading.BySlugAsync(db, ContentKind.SupportPoint, slug, culture, sourceCulture, ct) is { Text.Fields: SupportPointFields } point ? point : null;

    private static string CityOf(Localized<PublishedText> point) => ((SupportPointFields)point.Fields!).City;
}
