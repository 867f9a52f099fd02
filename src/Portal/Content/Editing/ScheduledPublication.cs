namespace Portal.Content.Editing;

/// <summary>A revision to be published at a time; kept in the database so a restart loses nothing. Done rows stay as history.</summary>
public class ScheduledPublication
{
    public int Id { get; set; }
    public int TranslationId { get; set; }
    public ContentTranslation Translation { get; set; } = null!;
    public int RevisionId { get; set; }
    public ContentRevision Revision { get; set; } = null!;
    public DateTimeOffset DueAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the scheduler published it, or when an editor cancelled it; pending while both are null.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}
