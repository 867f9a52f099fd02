using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Countries;

/// <summary>/{culture}/countries/{slug}/safety: the full assessment and the public history of the country's major updates.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class SafetyModel(PortalDbContext db, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public CountryReading.Safety Read { get; private set; } = null!;
    public Localized<PublishedText> Assessment => Read.Assessment;
    public SafetyFields Fields => (SafetyFields)Assessment.Fields!;
    public IReadOnlyList<ContentFacts.DimensionText> Dimensions => ContentFacts.SafetyDimensions(Assessment);
    public string GuideTitle => Read.Guide.Text.Title;
    public string GuideSlug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await CountryReading.SafetyAsync(db, slug, Culture, SourceCulture, ct) is not { } read) return await MissingAsync(db, ContentKind.CountryGuide, slug, ReaderUrls.Safety, ct);
        Read = read;
        ReaderCaching.ShowsCountry(HttpContext, read.GuideVersions[0].CountryCode, Culture);
        GuideSlug = slug;
        Alternates = read.GuideVersions.ToDictionary(v => v.Culture, v => ReaderUrls.Safety(v.Culture, v.Slug));
        return Page();
    }
}
