namespace Portal.Content;

/// <summary>
/// An immutable snapshot of one translation: text AND structured fields. Rows are only ever inserted;
/// every change, to the body or to a field, is a new revision with Number = last + 1.
/// </summary>
public class ContentRevision
{
    public int Id { get; set; }
    public int TranslationId { get; set; }
    public ContentTranslation Translation { get; set; } = null!;
    public int Number { get; set; }

    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string BodyMarkdown { get; set; }

    /// <summary>Rendered and sanitised when the revision is created, never per request.</summary>
    public required string BodyHtml { get; set; }

    /// <summary>The body's ## sections (id and heading text), for the contents list; made with BodyHtml.</summary>
    public IReadOnlyList<Markdown.OutlineEntry> Outline { get; set; } = [];

    /// <summary>Kind-specific fields as a typed record (stored as JSON), null for plain pages.</summary>
    public ContentFields? Fields { get; set; }

    /// <summary>A major update sets the "updated" date, carries a change note and makes translations outdated.</summary>
    public bool IsMajor { get; set; }
    public string? ChangeNote { get; set; }

    /// <summary>Date of the last major update of this text (carried forward by minor revisions).</summary>
    public DateOnly UpdatedOn { get; set; }

    /// <summary>Date the content was last checked against the situation (country guides, assessments).</summary>
    public DateOnly? ReviewedOn { get; set; }

    /// <summary>For translations: the source-language revision this text was translated from.</summary>
    public int? SourceRevisionId { get; set; }
    public ContentRevision? SourceRevision { get; set; }

    /// <summary>False while a translation has not been reviewed by a human translator.</summary>
    public bool HumanReviewed { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
