using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Countries;

/// <summary>/{culture}/countries/{slug}/safety: the full assessment and the public history of its major updates.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class SafetyModel(PortalDbContext db, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public Localized<PublishedText> Assessment { get; private set; } = null!;
    public string GuideTitle { get; private set; } = "";
    public string GuideSlug { get; private set; } = "";
    public SafetyFields Fields => (SafetyFields)Assessment.Text.Fields!;
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    /// <summary>One major update: its date, and its change note in the reader's language where translated (else the source's, with its culture).</summary>
    public sealed record HistoryEntry(DateOnly Date, string Note, string NoteCulture);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var guideVersions = await db.ContentTranslations.Published()
            .OfItemWithSlug(ContentKind.CountryGuide, slug, Culture, SourceCulture).SelectLink().ToListAsync(ct);
        if (guideVersions.Count == 0) return NotFound();
        var country = guideVersions[0].CountryCode;

        var texts = await db.ContentTranslations.Published().InCulture(Culture, SourceCulture)
            .Where(t => t.Item.CountryCode == country && (t.Kind == ContentKind.SafetyAssessment || t.Kind == ContentKind.CountryGuide))
            .SelectText().ToListAsync(ct);
        var guide = Localized.Pick(texts, guideVersions[0].ItemId, Culture, SourceCulture);
        var assessmentId = texts.FirstOrDefault(t => t.Fields is SafetyFields s && s.GuideKey == guide?.Text.Key)?.ItemId;
        if (guide is null || assessmentId is null) return NotFound(); // published in other languages only
        Assessment = Localized.Pick(texts, assessmentId.Value, Culture, SourceCulture)!;
        GuideTitle = guide.Text.Title;
        GuideSlug = slug;

        var majors = await ChangeHistory.PublishedMajorsAsync(db, [assessmentId.Value], Culture, SourceCulture, ct);
        History = ChangeHistory.Build(majors, Culture, SourceCulture).Select(e => new HistoryEntry(e.Date, e.Note, e.NoteCulture)).ToList();

        Alternates = guideVersions.ToDictionary(v => v.Culture, v => ReaderUrls.Safety(v.Culture, v.Slug));
        return Page();
    }
}
