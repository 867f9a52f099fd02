namespace Portal.Content.Editing;

public enum EditOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    /// <summary>Someone saved since the form was loaded: nothing was written; the caller keeps the user's text.</summary>
    Conflict,
    /// <summary>A safety-level change that no other Safety reviewer has approved yet.</summary>
    AwaitingApproval,
}

public sealed record EditResult(EditOutcome Outcome, string? Message = null, int? RevisionId = null)
{
    /// <summary>For <see cref="EditOutcome.Invalid"/>: each problem at its field (empty when the message says it all).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool Succeeded => Outcome == EditOutcome.Ok;
    public static EditResult Ok(int? revisionId = null) => new(EditOutcome.Ok, null, revisionId);
    public static readonly EditResult NotFound = new(EditOutcome.NotFound, "Not found.");
    public static EditResult Forbidden(string message) => new(EditOutcome.Forbidden, message);
    public static EditResult Invalid(string message) => new(EditOutcome.Invalid, message);
    public static EditResult Invalid(IReadOnlyList<FieldError> errors)
        => new(EditOutcome.Invalid, string.Join(" ", errors.Select(e => e.ToString()))) { Errors = errors };
    public static readonly EditResult Conflict = new(EditOutcome.Conflict, "Someone else saved this text after you opened it.");
}
