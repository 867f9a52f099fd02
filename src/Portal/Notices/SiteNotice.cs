namespace Portal.Notices;

/// <summary>An emergency notice shown on every reader page in every language until an administrator removes it.</summary>
public class SiteNotice
{
    public int Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }
    public List<SiteNoticeText> Texts { get; set; } = [];
}

public class SiteNoticeText
{
    public int Id { get; set; }
    public int SiteNoticeId { get; set; }
    public required string Culture { get; set; }
    public required string Text { get; set; }
}
