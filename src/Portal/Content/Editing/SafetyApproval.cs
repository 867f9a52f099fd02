namespace Portal.Content.Editing;

/// <summary>A Safety reviewer's sign-off on the exact revision that changes a safety level (two-person rule).</summary>
public class SafetyApproval
{
    public int Id { get; set; }
    public int RevisionId { get; set; }
    public ContentRevision Revision { get; set; } = null!;
    public required string ApprovedBy { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
}
