using Portal.Content.Markdown;

namespace Portal.Content;

/// <summary>What fallback and outdated checks, lists and the API need of a published translation.</summary>
public interface IPublishedText
{
    int ItemId { get; }
    ContentKind Kind { get; }
    string Key { get; }
    string? CountryCode { get; }
    string Culture { get; }
    string Slug { get; }
    string Title { get; }
    string Summary { get; }
    ContentFields? Fields { get; }
    int SortOrder { get; }
    DateOnly UpdatedOn { get; }
    bool HumanReviewed { get; }
    int? SourceRevisionNumber { get; }

    /// <summary>For a translation: the fields of the source revision it was made from (tells which wording is behind).</summary>
    ContentFields? TranslatedFromFields { get; }
    int LastMajorNumber { get; }
    DateTimeOffset? PublishedAt { get; }
}

/// <summary>
/// A published translation with its body, for detail pages; projected straight from the query (no entities leave it).
/// <see cref="LatestNote"/>: for the source text, the change note of its latest major revision; for a translation, its
/// translation of that note (empty when the translator has not translated it).
/// </summary>
public sealed record PublishedText(
    int ItemId, ContentKind Kind, string Key, string? CountryCode, int SortOrder, string Culture, string Slug,
    int RevisionNumber, string Title, string Summary, string BodyHtml, IReadOnlyList<OutlineEntry> Outline,
    ContentFields? Fields, DateOnly UpdatedOn, DateOnly? ReviewedOn, bool HumanReviewed,
    int? SourceRevisionNumber, ContentFields? TranslatedFromFields, int LastMajorNumber, DateTimeOffset? PublishedAt,
    string? LatestNote) : IPublishedText;

/// <summary>A published translation without its body, for lists (home page, support points, sitemap).</summary>
public sealed record PublishedSummary(
    int ItemId, ContentKind Kind, string Key, string? CountryCode, int SortOrder, string Culture, string Slug,
    string Title, string Summary, ContentFields? Fields, DateOnly UpdatedOn, bool HumanReviewed,
    int? SourceRevisionNumber, ContentFields? TranslatedFromFields, int LastMajorNumber, DateTimeOffset? PublishedAt) : IPublishedText;

/// <summary>
/// The text a reader gets in their language: the translation, or the source text when there is none (IsFallback),
/// with the date the source changed when the translation was made from an older major revision (OutdatedSince).
/// <see cref="Source"/> is the published source text (null when there is none): the home of the facts in <see cref="Fields"/>.
/// </summary>
public sealed record Localized<T>(T Text, bool IsFallback, DateOnly? OutdatedSince, T? Source, string SourceCulture) where T : IPublishedText
{
    public bool IsOutdated => OutdatedSince is not null;

    /// <summary>What readers get: the source's facts with this text's wording where it is up to date (<see cref="ContentFacts"/>).</summary>
    public ContentFields? Fields { get; } = ContentFacts.ForReaders(Source, Text);
}

public static class Localized
{
    public static Localized<T>? Pick<T>(IEnumerable<T> texts, int itemId, string culture, string sourceCulture) where T : IPublishedText
    {
        T? wanted = default, source = default;
        foreach (var t in texts)
        {
            if (t.ItemId != itemId) continue;
            if (t.Culture == culture) wanted = t;
            if (t.Culture == sourceCulture) source = t;
        }
        if (wanted is null) return source is null ? null : new Localized<T>(source, culture != sourceCulture, null, source, sourceCulture);
        var outdated = source is not null && wanted.SourceRevisionNumber < source.LastMajorNumber ? source.UpdatedOn : (DateOnly?)null;
        return new Localized<T>(wanted, false, outdated, source, sourceCulture);
    }

    /// <summary>One text per item, in the reader's culture where it exists, sorted by the item's order then title.</summary>
    public static IReadOnlyList<Localized<T>> PickAll<T>(IReadOnlyCollection<T> texts, string culture, string sourceCulture) where T : IPublishedText
        => texts.Select(t => t.ItemId).Distinct()
            .Select(id => Pick(texts, id, culture, sourceCulture)!)
            .OrderBy(t => t.Text.SortOrder)
            .ThenBy(t => t.Text.Title, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo(culture), false))
            .ToList();
}
