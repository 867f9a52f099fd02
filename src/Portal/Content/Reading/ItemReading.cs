using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>One item found by its slug, for the kinds whose page shows the item alone (information pages, support points).</summary>
public static class ItemReading
{
    /// <summary>The item's text for the reader, its language versions, and the newest publication of the two texts it was picked from.</summary>
    public sealed record Item(IReadOnlyList<ContentLink> Versions, Localized<PublishedText> Text, DateTimeOffset? Newest);

    /// <summary>
    /// One SQL command: every published text of the item whose slug this is in the reader's or the source culture. The
    /// reader's and the source text are picked from; all of them are the language versions. When the slug names one
    /// item in the reader's culture and another in the source culture, the reader's wins.
    /// </summary>
    internal static async Task<Item?> BySlugAsync(PortalDbContext db, ContentKind kind, string slug, string culture, string sourceCulture, CancellationToken ct)
    {
        var texts = await db.ContentTranslations.Published().OfItemWithSlug(kind, slug, culture, sourceCulture).SelectText().ToListAsync(ct);
        if (texts.Count == 0) return null;
        var itemId = (texts.FirstOrDefault(t => t.Culture == culture && t.Slug == slug) ?? texts[0]).ItemId;
        if (Localized.Pick(texts, itemId, culture, sourceCulture) is not { } text) return null; // published in other languages only
        var item = texts.Where(t => t.ItemId == itemId).ToList();
        return new Item(
            item.Select(t => new ContentLink(t.ItemId, t.Kind, t.CountryCode, t.Culture, t.Slug)).ToList(), text,
            item.Where(t => t.Culture == culture || t.Culture == sourceCulture).Max(t => t.PublishedAt));
    }
}
