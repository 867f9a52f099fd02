using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>
/// The one read of a country's guide and of its safety assessment, shared by the reader pages and the delivery API:
/// both render what it returns and do not query. Two SQL commands each: the guide's language versions, then the
/// country's texts in the reader's and the source culture (the safety read adds the history of changes).
/// </summary>
public static class CountryReading
{
    /// <summary>A country guide as readers get it, with its safety summary, visible stories and latest change note.</summary>
    public sealed record Guide(
        IReadOnlyList<ContentLink> Versions, Localized<PublishedText> Text, Localized<PublishedText>? Safety,
        IReadOnlyList<Localized<PublishedText>> Stories, LatestUpdate? Latest, DateTimeOffset? Newest);

    /// <summary>A safety assessment with its guide, the cultures it is published in, and the country's public history.</summary>
    public sealed record Safety(
        IReadOnlyList<ContentLink> GuideVersions, Localized<PublishedText> Guide, Localized<PublishedText> Assessment,
        IReadOnlyList<string> AssessmentCultures, IReadOnlyList<HistoryEntry> History, DateTimeOffset? Newest);

    /// <summary>The newest major update of a guide or its assessment, with the note in the reader's language where translated.</summary>
    public sealed record LatestUpdate(ContentKind Kind, DateOnly Date, string Note, string NoteCulture);

    /// <summary>One major update of the guide or the assessment (Kind says which), newest first.</summary>
    public sealed record HistoryEntry(int ItemId, ContentKind Kind, DateOnly Date, string Note, string NoteCulture);

    public static async Task<Guide?> GuideAsync(PortalDbContext db, string slug, string culture, string sourceCulture, DateOnly today, CancellationToken ct)
    {
        var versions = await Versions(db, slug, culture, sourceCulture).ToListAsync(ct);
        if (versions.Count == 0) return null;
        var texts = await Texts(db, versions[0].CountryCode, culture, sourceCulture).ToListAsync(ct);
        var guide = Localized.Pick(texts, versions[0].ItemId, culture, sourceCulture);
        if (guide is null) return null; // published in other languages only

        var safety = AssessmentOf(texts, guide.Text.Key) is { } safetyId ? Localized.Pick(texts, safetyId, culture, sourceCulture) : null;
        var stories = Localized.PickAll(texts.Where(t => t.Kind == ContentKind.Story && t.Fields is StoryFields s && s.GuideKey == guide.Text.Key).ToList(), culture, sourceCulture)
            .Where(s => StoryRules.IsVisible(s.Fields, today)).ToList();
        var latest = new[] { Latest(guide), safety is null ? null : Latest(safety) }.OfType<LatestUpdate>().MaxBy(u => u.Date);
        return new Guide(versions, guide, safety, stories, latest, texts.Max(t => t.PublishedAt));
    }

    public static async Task<Safety?> SafetyAsync(PortalDbContext db, string slug, string culture, string sourceCulture, CancellationToken ct)
    {
        var guideVersions = await Versions(db, slug, culture, sourceCulture).ToListAsync(ct);
        if (guideVersions.Count == 0) return null;
        var country = guideVersions[0].CountryCode;

        // The assessment in every language (its alternates), the guide in the two the reader may get.
        var texts = await db.ContentTranslations.Published()
            .Where(t => t.Item.CountryCode == country
                && (t.Kind == ContentKind.SafetyAssessment || (t.Kind == ContentKind.CountryGuide && (t.Culture == culture || t.Culture == sourceCulture))))
            .SelectText().ToListAsync(ct);
        var guide = Localized.Pick(texts, guideVersions[0].ItemId, culture, sourceCulture);
        if (guide is null || AssessmentOf(texts, guide.Text.Key) is not { } assessmentId) return null;
        var assessment = Localized.Pick(texts, assessmentId, culture, sourceCulture);
        if (assessment?.Fields is not SafetyFields) return null;

        var majors = await ChangeHistory.PublishedMajorsAsync(db, [assessmentId, guide.Text.ItemId], culture, sourceCulture, ct);
        var history = ChangeHistory.Build(majors, culture, sourceCulture)
            .Select(e => new HistoryEntry(e.ItemId, e.ItemId == assessmentId ? ContentKind.SafetyAssessment : ContentKind.CountryGuide, e.Date, e.Note, e.NoteCulture))
            .OrderByDescending(e => e.Date).ThenBy(e => e.Kind).ToList();
        var cultures = texts.Where(t => t.ItemId == assessmentId).Select(t => t.Culture).ToList();
        return new Safety(guideVersions, guide, assessment, cultures, history,
            texts.Where(t => t.Culture == culture || t.Culture == sourceCulture).Max(t => t.PublishedAt));
    }

    /// <summary>Every guide without its body, with their language versions: two SQL commands.</summary>
    public static Task<Listing<PublishedSummary>> ListAsync(PortalDbContext db, string culture, string sourceCulture, CancellationToken ct)
        => Listing.ReadAsync(db, ContentKind.CountryGuide, culture, sourceCulture, withVersions: true, ContentQueries.SelectSummary, _ => true, ct);

    /// <summary>The guide's language versions (also compiled ahead by <see cref="Operations.ReaderWarmUp"/>).</summary>
    internal static IQueryable<ContentLink> Versions(PortalDbContext db, string slug, string culture, string sourceCulture)
        => db.ContentTranslations.Published().OfItemWithSlug(ContentKind.CountryGuide, slug, culture, sourceCulture).SelectLink();

    /// <summary>Every published text of the country in the two cultures: guide, safety assessment, stories.</summary>
    internal static IQueryable<PublishedText> Texts(PortalDbContext db, string? country, string culture, string sourceCulture)
        => db.ContentTranslations.Published().InCulture(culture, sourceCulture).Where(t => t.Item.CountryCode == country).SelectText();

    /// <summary>The assessment of a guide: the one whose fields name it (several guides may share a country code).</summary>
    private static int? AssessmentOf(IEnumerable<PublishedText> texts, string guideKey)
        => texts.FirstOrDefault(t => t.Kind == ContentKind.SafetyAssessment && t.Fields is SafetyFields s && s.GuideKey == guideKey)?.ItemId;

    /// <summary>
    /// The text's latest major update: the source's date, and the translated note while the translation is up to date
    /// and has one, else the source's note in the source language.
    /// </summary>
    private static LatestUpdate? Latest(Localized<PublishedText> text)
    {
        var source = text.Source ?? text.Text;
        var translated = !text.IsFallback && text.Text.Culture != text.SourceCulture && !text.IsOutdated && !string.IsNullOrWhiteSpace(text.Text.LatestNote);
        if (translated) return new LatestUpdate(text.Text.Kind, source.UpdatedOn, text.Text.LatestNote!, text.Text.Culture);
        return string.IsNullOrWhiteSpace(source.LatestNote) ? null : new LatestUpdate(text.Text.Kind, source.UpdatedOn, source.LatestNote, source.Culture);
    }
}
