namespace Portal.Content;

/// <summary>The language-independent identity of one piece of content (a country guide, a support point…).</summary>
public class ContentItem
{
    public int Id { get; set; }
    public ContentKind Kind { get; set; }

    /// <summary>Stable key shared by every language, e.g. "guinea"; the file name stem in content/.</summary>
    public required string Key { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code for content tied to a country (guide, assessment, story); lets one query fetch a country's content.</summary>
    public string? CountryCode { get; set; }

    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while the item is retired (<see cref="Editing.Retire"/>): off the reader site in every language, its history kept.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public string? RetiredReason { get; set; }
    public const int MaxRetiredReason = 1000;

    public List<ContentTranslation> Translations { get; set; } = [];
}
