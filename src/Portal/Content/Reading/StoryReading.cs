using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>
/// The one read of returnees' stories, shared by the reader page and the delivery API. A story is read only while its
/// consent holds (<see cref="StoryRules"/>).
/// </summary>
public static class StoryReading
{
    /// <summary>A story as readers get it, with the guide of its country when that guide is published.</summary>
    public sealed record Story(IReadOnlyList<ContentLink> Versions, Localized<PublishedText> Text, Localized<PublishedText>? Guide, DateTimeOffset? Newest);

    /// <summary>Two SQL commands: the story's language versions, then the story and its country's guides in the reader's and the source culture.</summary>
    public static async Task<Story?> StoryAsync(PortalDbContext db, string slug, string culture, string sourceCulture, DateOnly today, CancellationToken ct)
    {
        var versions = await db.ContentTranslations.Published().OfItemWithSlug(ContentKind.Story, slug, culture, sourceCulture).SelectLink().ToListAsync(ct);
        if (versions.Count == 0) return null;
        var story = versions.FirstOrDefault(v => v.Culture == culture && v.Slug == slug) ?? versions[0];
        var texts = await db.ContentTranslations.Published().InCulture(culture, sourceCulture)
            .Where(t => t.ContentItemId == story.ItemId || (t.Kind == ContentKind.CountryGuide && t.Item.CountryCode == story.CountryCode))
            .SelectText().ToListAsync(ct);
        var text = Localized.Pick(texts, story.ItemId, culture, sourceCulture);
        if (text is null || !StoryRules.IsVisible(text.Fields, today)) return null; // published in other languages only, or without consent now

        var guideKey = ((StoryFields)text.Fields!).GuideKey;
        var guideId = texts.FirstOrDefault(t => t.Kind == ContentKind.CountryGuide && t.Key == guideKey)?.ItemId;
        var guide = guideId is { } id ? Localized.Pick(texts, id, culture, sourceCulture) : null;
        return new Story(versions.Where(v => v.ItemId == story.ItemId).ToList(), text, guide, texts.Max(t => t.PublishedAt));
    }

    /// <summary>Every story readers may see, without its body, with their language versions: two SQL commands.</summary>
    public static Task<Listing<PublishedSummary>> ListAsync(PortalDbContext db, string culture, string sourceCulture, DateOnly today, CancellationToken ct)
        => Listing.ReadAsync(db, ContentKind.Story, culture, sourceCulture, withVersions: true, ContentQueries.SelectSummary,
            s => StoryRules.IsVisible(s.Fields, today), ct);
}
