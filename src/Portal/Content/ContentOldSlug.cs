namespace Portal.Content;

/// <summary>
/// A slug a text had before it was renamed (<see cref="Editing.Rename"/>). Its old reader and API addresses answer 301
/// to the current ones (<see cref="Reading.OldAddress"/>), and no other item of the kind may take it in that language
/// while the row exists; renaming the item back to it removes the row.
/// </summary>
public class ContentOldSlug
{
    public int Id { get; set; }
    public int ContentItemId { get; set; }
    public ContentItem Item { get; set; } = null!;

    /// <summary>Copied from the item, as on <see cref="ContentTranslation"/>, so that (Kind, Culture, Slug) can be unique.</summary>
    public ContentKind Kind { get; set; }
    public required string Culture { get; set; }
    public required string Slug { get; set; }

    public DateTimeOffset MovedAt { get; set; }
    public required string MovedBy { get; set; }
}
