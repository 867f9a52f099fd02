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
    int LastMajorNumber { get; }
    DateTimeOffset? PublishedAt { get; }
}

/// <summary>A published translation with its body, for detail pages; projected straight from the query (no entities leave it).</summary>
public sealed record PublishedText(
    int ItemId, ContentKind Kind, string Key, string? CountryCode, int SortOrder, string Culture, string Slug,
    int RevisionNumber, string Title, string Summary, string BodyHtml, IReadOnlyList<OutlineEntry> Outline,
    ContentFields? Fields, DateOnly UpdatedOn, DateOnly? ReviewedOn, bool HumanReviewed,
    int? SourceRevisionNumber, int LastMajorNumber, DateTimeOffset? PublishedAt) : IPublishedText;

/// <summary>A published translation without its body, for lists (home page, support points, sitemap).</summary>
public sealed record PublishedSummary(
    int ItemId, ContentKind Kind, string Key, string? CountryCode, int SortOrder, string Culture, string Slug,
    string Title, string Summary, ContentFields? Fields, DateOnly UpdatedOn, bool HumanReviewed,
    int? SourceRevisionNumber, int LastMajorNumber, DateTimeOffset? PublishedAt) : IPublishedText;

/// <summary>
/// The text a reader gets in their language: the translation, or the source text when there is none (IsFallback),
/// with the date the source changed when the translation was made from an older major revision (OutdatedSince).
/// </summary>
public sealed record Localized<T>(T Text, bool IsFallback, DateOnly? OutdatedSince) where T : IPublishedText
{
    public bool IsOutdated => OutdatedSince is not null;
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
        if (wanted is null) return source is null ? null : new Localized<T>(source, culture != sourceCulture, null);
        var outdated = source is not null && wanted.SourceRevisionNumber < source.LastMajorNumber ? source.UpdatedOn : (DateOnly?)null;
        return new Localized<T>(wanted, false, outdated);
    }

    /// <summary>One text per item, in the reader's culture where it exists, sorted by the item's order then title.</summary>
    public static IReadOnlyList<Localized<T>> PickAll<T>(IReadOnlyCollection<T> texts, string culture, string sourceCulture) where T : IPublishedText
        => texts.Select(t => t.ItemId).Distinct()
            .Select(id => Pick(texts, id, culture, sourceCulture)!)
            .OrderBy(t => t.Text.SortOrder)
            .ThenBy(t => t.Text.Title, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo(culture), false))
            .ToList();
}
