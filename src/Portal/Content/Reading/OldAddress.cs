using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>
/// What a reader or API address answers when its slug finds no published text: the item was renamed (301 to its
/// current slug), retired (410 Gone), or neither (404). Only asked on a miss, so a found page costs nothing more.
/// </summary>
public static class OldAddress
{
    /// <param name="Slug">The item's slug now, in the reader's culture where that text is published, else the source's.</param>
    /// <param name="Retired">The item is retired: the address is gone on purpose.</param>
    public sealed record Answer(string? Slug, bool Retired);

    /// <summary>One SQL command (two for a renamed item): the item this slug belongs or belonged to, in the reader's or the source culture.</summary>
    public static async Task<Answer?> FindAsync(PortalDbContext db, ContentKind kind, string slug, string culture, string sourceCulture, CancellationToken ct)
    {
        var holders = await db.ContentItems.AsNoTracking()
            .Where(i => i.Kind == kind
                && (i.Translations.Any(t => t.Slug == slug && (t.Culture == culture || t.Culture == sourceCulture))
                    || db.ContentOldSlugs.Any(o => o.ContentItemId == i.Id && o.Kind == kind && o.Slug == slug && (o.Culture == culture || o.Culture == sourceCulture))))
            .Select(i => new
            {
                i.Id,
                Retired = i.RetiredAt != null,
                InCulture = i.Translations.Any(t => t.Slug == slug && t.Culture == culture)
                    || db.ContentOldSlugs.Any(o => o.ContentItemId == i.Id && o.Kind == kind && o.Slug == slug && o.Culture == culture),
            })
            .ToListAsync(ct);
        // As for a page (ItemReading): when the slug names one item in the reader's culture and another in the source's, the reader's wins.
        var item = holders.OrderByDescending(h => h.InCulture).FirstOrDefault();
        if (item is null) return null;
        if (item.Retired) return new Answer(null, true);

        var current = await db.ContentTranslations.Published().AsNoTracking()
            .Where(t => t.ContentItemId == item.Id && (t.Culture == culture || t.Culture == sourceCulture))
            .Select(t => new { t.Culture, t.Slug }).ToListAsync(ct);
        var target = current.FirstOrDefault(t => t.Culture == culture) ?? current.FirstOrDefault();
        // Its current slug is this one (published in other languages only, or not at all): nothing to redirect to.
        return target is null || target.Slug == slug ? null : new Answer(target.Slug, false);
    }
}
