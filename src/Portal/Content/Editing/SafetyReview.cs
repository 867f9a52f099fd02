namespace Portal.Content.Editing;

public enum SafetyDecision
{
    Approved = 1,
    /// <summary>Returned to its author with a reason; the revision is not published, the author saves a new one.</summary>
    SentBack = 2,
}

/// <summary>
/// A Safety reviewer's decision on the exact source revision that changes a safety level (two-person rule): approved,
/// with an optional comment, or sent back with a reason. Only inserted, never changed.
/// </summary>
public class SafetyReview
{
    public const int MaxComment = 2000;

    public int Id { get; set; }
    public int RevisionId { get; set; }
    public ContentRevision Revision { get; set; } = null!;
    public SafetyDecision Decision { get; set; } = SafetyDecision.Approved;
    public string? Comment { get; set; }
    public required string ReviewedBy { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
}
