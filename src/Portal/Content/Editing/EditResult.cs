using Portal.Data;

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

/// <param name="Message">
/// Why, as a key of locales/editor/ with <paramref name="Arguments"/> for its {0}, {1}…: the workspace says it in its own
/// language, the management API in English (Localization/EditMessages). Null when it went through as asked.
/// </param>
/// <param name="Unchanged">It succeeded without changing anything (publishing what readers already see): the message says so.</param>
public sealed record EditResult(EditOutcome Outcome, string? Message = null, int? RevisionId = null, object[]? Arguments = null, bool Unchanged = false)
{
    /// <summary>For <see cref="EditOutcome.Invalid"/>: each problem at its field (empty when the message says it all).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool Succeeded => Outcome == EditOutcome.Ok;
    public static EditResult Ok(int? revisionId = null) => new(EditOutcome.Ok, null, revisionId);
    public static EditResult NothingChanged(int revisionId, string message) => new(EditOutcome.Ok, message, revisionId, Unchanged: true);
    public static readonly EditResult NotFound = new(EditOutcome.NotFound, "editor.result.not-found");
    public static EditResult Forbidden(string message, params object[] arguments) => new(EditOutcome.Forbidden, message, Arguments: arguments);
    public static EditResult Invalid(string message, params object[] arguments) => new(EditOutcome.Invalid, message, Arguments: arguments);
    public static EditResult Invalid(IReadOnlyList<FieldError> errors)
        => new(EditOutcome.Invalid, "editor.form-errors", Arguments: [errors.Count]) { Errors = errors };
    /// <summary>The database could not take it (<see cref="DatabaseFault.IsTemporary(DatabaseFaultKind)"/>): "not saved", and why.</summary>
    public static EditResult NotSaved(DatabaseFaultKind fault)
        => new(EditOutcome.Unavailable, fault == DatabaseFaultKind.DiskFull ? "editor.result.storage-full" : "editor.result.database-unreachable");
    public static readonly EditResult Conflict = new(EditOutcome.Conflict, "editor.result.conflict");
}
