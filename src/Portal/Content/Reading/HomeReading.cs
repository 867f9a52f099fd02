using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>
/// The home page's read: the same lists as <see cref="CountryReading.ListAsync"/>, <see cref="StoryReading.ListAsync"/>
/// and <see cref="PageReading.ListAsync"/> (texts without bodies, stories only while their consent holds), read in one
/// SQL command and without the language versions (the home page exists in every language).
/// </summary>
public static class HomeReading
{
    public sealed record Home(
        IReadOnlyList<Localized<PublishedSummary>> Countries, IReadOnlyList<Localized<PublishedSummary>> Stories, IReadOnlyList<Localized<PublishedSummary>> Pages);

    public static async Task<Home> HomeAsync(PortalDbContext db, string culture, string sourceCulture, DateOnly today, CancellationToken ct)
    {
        var texts = await db.ContentTranslations.Published().InCulture(culture, sourceCulture)
            .Where(t => t.Kind == ContentKind.CountryGuide || t.Kind == ContentKind.Story || t.Kind == ContentKind.Page)
            .SelectSummary().ToListAsync(ct);
        var all = Localized.PickAll(texts, culture, sourceCulture);
        return new Home(
            all.Where(t => t.Text.Kind == ContentKind.CountryGuide).ToList(),
            all.Where(t => t.Text.Kind == ContentKind.Story && StoryRules.IsVisible(t.Fields, today)).ToList(),
            all.Where(t => t.Text.Kind == ContentKind.Page).ToList());
    }
}
