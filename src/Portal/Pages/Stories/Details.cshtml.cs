using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Stories;

[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class DetailsModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public Localized<PublishedText> Story { get; private set; } = null!;
    public StoryFields Fields => (StoryFields)Story.Fields!;
    public Localized<PublishedText>? Guide { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var versions = await db.ContentTranslations.Published()
            .OfItemWithSlug(ContentKind.Story, slug, Culture, SourceCulture).SelectLink().ToListAsync(ct);
        if (versions.Count == 0) return NotFound();

        var texts = await db.ContentTranslations.Published().InCulture(Culture, SourceCulture)
            .Where(t => t.ContentItemId == versions[0].ItemId || (t.Kind == ContentKind.CountryGuide && t.Item.CountryCode == versions[0].CountryCode))
            .SelectText().ToListAsync(ct);
        var picked = Localized.Pick(texts, versions[0].ItemId, Culture, SourceCulture);
        if (picked is null) return NotFound(); // published in other languages only
        Story = picked;
        if (!StoryRules.IsVisible(Story.Fields, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))) return NotFound();
        var guideId = texts.FirstOrDefault(t => t.Kind == ContentKind.CountryGuide && t.Key == Fields.GuideKey)?.ItemId;
        Guide = guideId is { } id ? Localized.Pick(texts, id, Culture, SourceCulture) : null;

        Alternates = versions.ToDictionary(v => v.Culture, v => ReaderUrls.Story(v.Culture, v.Slug));
        return Page();
    }
}
