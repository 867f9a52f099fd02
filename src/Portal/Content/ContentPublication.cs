namespace Portal.Content;

public enum PublicationAction
{
    Published = 1,
    Unpublished = 2,
}

/// <summary>Append-only log of what became visible to readers and when: feeds the public history and change feeds.</summary>
public class ContentPublication
{
    public long Id { get; set; }
    public int TranslationId { get; set; }
    public ContentTranslation Translation { get; set; } = null!;
    public int? RevisionId { get; set; }
    public ContentRevision? Revision { get; set; }
    public PublicationAction Action { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
}
