using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Countries;

/// <summary>/{culture}/countries/{slug}: the guide, its latest update, its safety summary and related stories.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class DetailsModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public CountryReading.Guide Read { get; private set; } = null!;
    public Localized<PublishedText> Guide => Read.Text;
    public CountryGuideFields? GuideFields => Guide.Fields as CountryGuideFields;
    public IReadOnlyList<ContentFacts.DimensionText> Dimensions => Read.Safety is { } s ? ContentFacts.SafetyDimensions(s) : [];
    public SafetyFields? SafetyFields => Read.Safety?.Fields as SafetyFields;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var today = StoryRules.Today(clock);
        if (await CountryReading.GuideAsync(db, slug, Culture, SourceCulture, today, ct) is not { } read) return await MissingAsync(db, ContentKind.CountryGuide, slug, ReaderUrls.Country, ct);
        Read = read;
        ReaderCaching.ShowsCountry(HttpContext, read.Versions[0].CountryCode, Culture);
        Alternates = read.Versions.ToDictionary(v => v.Culture, v => ReaderUrls.Country(v.Culture, v.Slug));
        return Page();
    }
}
