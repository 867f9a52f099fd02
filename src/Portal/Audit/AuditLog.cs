using Portal.Data;

namespace Portal.Audit;

/// <summary>Adds an entry to the context; it is written by the caller's own SaveChanges, in the same transaction as the action.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    /// <summary>
    /// How the actor came in when it was not the workspace, e.g. "API token 3f9a1c2e": added to the details of every entry of
    /// this request (scoped). The actor stays the account's own name, so the two-person rule compares people, not channels.
    /// </summary>
    public string? Via { get; set; }

    public void Record(string actor, string action, string? target = null, string? details = null)
        => db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Target = target, Details = WithVia(details) });

    public async Task RecordNowAsync(string actor, string action, string? target = null, string? details = null, CancellationToken ct = default)
    {
        Record(actor, action, target, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The Details column's length (AuditEntryConfiguration).</summary>
    public const int MaxDetails = 2000;

    // Details quote a change note (up to 2,000 characters itself) after a prefix: cut, so that a long note cannot fail
    // the very action it records; the "via" stays readable at the end.
    private string? WithVia(string? details)
    {
        var via = Via is null ? "" : $" (via {Via})";
        if (details is null) return Via is null ? null : via.TrimStart();
        if (details.Length + via.Length > MaxDetails) details = details[..(MaxDetails - via.Length - 1)] + "…";
        return details + via;
    }
}
