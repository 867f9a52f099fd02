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
    /// <summary>The database could not take the change (disk full, unreachable): nothing was written; try again later.</summary>
    Unavailable,
}

public sealed record EditResult(EditOutcome Outcome, string? Message = null, int? RevisionId = null)
{
    public bool Succeeded => Outcome == EditOutcome.Ok;
    public static EditResult Ok(int? revisionId = null) => new(EditOutcome.Ok, null, revisionId);
    public static readonly EditResult NotFound = new(EditOutcome.NotFound, "Not found.");
    public static EditResult Forbidden(string message) => new(EditOutcome.Forbidden, message);
    public static EditResult Invalid(string message) => new(EditOutcome.Invalid, message);
    public static EditResult Unavailable(string message) => new(EditOutcome.Unavailable, message);
    public static readonly EditResult Conflict = new(EditOutcome.Conflict, "Someone else saved this text after you opened it.");
}
