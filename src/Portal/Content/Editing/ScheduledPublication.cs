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

public static class ScheduledPublications
{
    /// <summary>Neither published by the scheduler nor cancelled yet.</summary>
    public static IQueryable<ScheduledPublication> Pending(this IQueryable<ScheduledPublication> q)
        => q.Where(s => s.PublishedAt == null && s.CancelledAt == null);
}
