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

        // Every major revision that readers were ever shown, in both cultures.
        var majors = await db.ContentRevisions.AsNoTracking()
            .Where(r => r.Translation.ContentItemId == assessmentId && r.IsMajor
                && (r.Translation.Culture == Culture || r.Translation.Culture == SourceCulture)
                && db.ContentPublications.Any(p => p.RevisionId == r.Id && p.Action == PublicationAction.Published))
            .Select(r => new { r.Translation.Culture, r.Number, r.UpdatedOn, r.ChangeNote, SourceNumber = (int?)r.SourceRevision!.Number })
            .ToListAsync(ct);
        History = majors.Where(m => m.Culture == SourceCulture).OrderByDescending(m => m.Number)
            .Select(source =>
            {
                var translated = majors.Where(m => m.Culture == Culture && Culture != SourceCulture && m.SourceNumber == source.Number && !string.IsNullOrEmpty(m.ChangeNote))
                    .MaxBy(m => m.Number);
                return translated is null
                    ? new HistoryEntry(source.UpdatedOn, source.ChangeNote ?? "", SourceCulture)
                    : new HistoryEntry(source.UpdatedOn, translated.ChangeNote!, Culture);
            }).ToList();

        Alternates = guideVersions.ToDictionary(v => v.Culture, v => ReaderUrls.Safety(v.Culture, v.Slug));
        return Page();
    }
}
