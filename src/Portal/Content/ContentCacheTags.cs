namespace Portal.Content;

/// <summary>
/// Output-cache tags shared by public answers and eviction, so a change evicts what shows it and leaves the rest:
/// a publish of one country's text keeps every other country's pages cached.
/// </summary>
public static class ContentCacheTags
{
    /// <summary>Every public answer: evicted by the emergency notice (on every page), an import, a rename, a retirement.</summary>
    public const string Reader = "reader";

    /// <summary>
    /// Every answer not tagged by country (<see cref="Infrastructure.ReaderCaching"/> adds it): home, lists, feeds, sitemap,
    /// support points, stories, pages. Any publish evicts it, since lists show titles and dates of many items.
    /// </summary>
    public const string Content = "content";

    private const string CountryPrefix = "country:";

    /// <summary>A country's guide, safety and print pages and their API answers, in every language (facts come from the source).</summary>
    public static string Country(string code) => CountryPrefix + code;

    /// <summary>The same in one language: what a republished translation changes.</summary>
    public static string Country(string code, string culture) => $"{CountryPrefix}{code}/{culture}";

    public static bool IsCountry(string tag) => tag.StartsWith(CountryPrefix, StringComparison.Ordinal);

    /// <summary>
    /// What a publish or unpublish of one text evicts: the untagged answers, and its country's pages: in its own language
    /// only when a translation already published is replaced (its alternates elsewhere stay the same), else in all.
    /// </summary>
    public static string[] Of(string? countryCode, string culture, bool onlyThisCulture)
        => countryCode is null ? [Content] : [Content, onlyThisCulture ? Country(countryCode, culture) : Country(countryCode)];

    public static string Kind(ContentKind kind) => $"kind:{kind.ToKebab()}";
}
