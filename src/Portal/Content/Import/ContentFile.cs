namespace Portal.Content.Import;

/// <summary>
/// One parsed and checked file of content/: one item in one language. <c>key.culture.md</c> is the text readers get
/// (Publish); an export may add <c>key.culture.rN.md</c>, revision N kept unpublished (a draft, or the older source text
/// a translation was made from). Revision (from 'revision' or the rN name) and Major are set by exports, so that
/// revision numbers, and with them translated_from and "outdated", survive a round trip; PublishedAt ('published')
/// keeps when a revision was first shown, for the public history and Last-Modified.
/// </summary>
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
    string? ChangeNote,
    int? TranslatedFrom,
    int TranslatedFromLine,
    bool HumanReviewed,
    string? CountryCode,
    ContentFields? Fields,
    string Body,
    int? Revision = null,
    bool Publish = true,
    bool? Major = null,
    DateTimeOffset? PublishedAt = null);
