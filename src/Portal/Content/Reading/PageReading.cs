using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>The one read of information pages, shared by the reader page /{culture}/{slug} and the delivery API.</summary>
public static class PageReading
{
    /// <summary>One page with its language versions: one SQL command.</summary>
    public static Task<ItemReading.Item?> PageAsync(PortalDbContext db, string slug, string culture, string sourceCulture, CancellationToken ct)
        => ItemReading.BySlugAsync(db, ContentKind.Page, slug, culture, sourceCulture, ct);

    /// <summary>Every page without its body, with their language versions: two SQL commands.</summary>
    public static Task<Listing<PublishedSummary>> ListAsync(PortalDbContext db, string culture, string sourceCulture, CancellationToken ct)
        => Listing.ReadAsync(db, ContentKind.Page, culture, sourceCulture, withVersions: true, ContentQueries.SelectSummary, _ => true, ct);
}
