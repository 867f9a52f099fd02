using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Countries;

/// <summary>
/// /{culture}/countries/{slug}: the guide, its safety summary and related stories. Two SQL commands on a cache miss:
/// the item's language versions, then every published text of that country in the reader's and the source culture.
/// </summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class DetailsModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public Localized<PublishedText> Guide { get; private set; } = null!;
    public Localized<PublishedText>? Safety { get; private set; }
    public IReadOnlyList<Localized<PublishedText>> Stories { get; private set; } = [];

    public CountryGuideFields? GuideFields => Guide.Text.Fields as CountryGuideFields;
    public SafetyFields? SafetyFields => Safety?.Text.Fields as SafetyFields;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var versions = await Versions(db, slug, Culture, SourceCulture).ToListAsync(ct);
        if (versions.Count == 0) return NotFound();
        var country = versions[0].CountryCode;
        var itemId = versions[0].ItemId;

        var texts = await Texts(db, country, Culture, SourceCulture).ToListAsync(ct);

        var picked = Localized.Pick(texts, itemId, Culture, SourceCulture);
        if (picked is null) return NotFound(); // published in other languages only
        Guide = picked;
        var safetyId = texts.FirstOrDefault(t => t.Kind == ContentKind.SafetyAssessment && t.Fields is SafetyFields s && s.GuideKey == Guide.Text.Key)?.ItemId;
        Safety = safetyId is { } id ? Localized.Pick(texts, id, Culture, SourceCulture) : null;

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Stories = Localized.PickAll(texts.Where(t => t.Kind == ContentKind.Story && t.Fields is StoryFields s && s.GuideKey == Guide.Text.Key).ToList(), Culture, SourceCulture)
            .Where(s => StoryRules.IsVisible(s.Text.Fields, today)).ToList();

        Alternates = versions.ToDictionary(v => v.Culture, v => ReaderUrls.Country(v.Culture, v.Slug));
        return Page();
    }

    /// <summary>The guide's language versions (one query; also compiled ahead by <see cref="Operations.ReaderWarmUp"/>).</summary>
    internal static IQueryable<ContentLink> Versions(PortalDbContext db, string slug, string culture, string sourceCulture)
        => db.ContentTranslations.Published().OfItemWithSlug(ContentKind.CountryGuide, slug, culture, sourceCulture).SelectLink();

    /// <summary>Every published text of the country in the two cultures: guide, safety assessment, stories.</summary>
    internal static IQueryable<PublishedText> Texts(PortalDbContext db, string? country, string culture, string sourceCulture)
        => db.ContentTranslations.Published().InCulture(culture, sourceCulture).Where(t => t.Item.CountryCode == country).SelectText();
}
