namespace Portal.Content;

/// <summary>
/// One language of a <see cref="ContentItem"/>. Only its pointers move: the text lives in immutable
/// <see cref="ContentRevision"/> rows, so nothing is ever overwritten in place.
/// </summary>
public class ContentTranslation
{
    public int Id { get; set; }
    public int ContentItemId { get; set; }
    public ContentItem Item { get; set; } = null!;

    /// <summary>BCP-47 culture, e.g. "nl", "ckb".</summary>
    public required string Culture { get; set; }

    /// <summary>Copied from the item so that (Kind, Culture, Slug) can carry a unique index.</summary>
    public ContentKind Kind { get; set; }
    public required string Slug { get; set; }

    public int? DraftRevisionId { get; set; }
    public ContentRevision? DraftRevision { get; set; }
    public int? PublishedRevisionId { get; set; }
    public ContentRevision? PublishedRevision { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>App-incremented optimistic concurrency token; behaves the same on SQLite and PostgreSQL.</summary>
    public int Version { get; set; }

    public List<ContentRevision> Revisions { get; set; } = [];

    public PublishState State => PublishedRevisionId is null
        ? PublishState.Draft
        : DraftRevisionId is not null && DraftRevisionId != PublishedRevisionId ? PublishState.PublishedWithDraft : PublishState.Published;
}
