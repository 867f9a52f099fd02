namespace Portal.Content.Import;

/// <summary>One parsed and checked file of content/: one item in one language.</summary>
public sealed record ContentFile(
    string Path,
    ContentKind Kind,
    string Key,
    string Culture,
    string Slug,
    int SlugLine,
    string Title,
    string Summary,
    int Order,
    DateOnly Updated,
    DateOnly? Reviewed,
    string ChangeNote,
    int? TranslatedFrom,
    int TranslatedFromLine,
    bool HumanReviewed,
    string? CountryCode,
    ContentFields? Fields,
    string Body);
