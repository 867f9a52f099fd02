using Portal.Data;

namespace Portal.Audit;

/// <summary>Adds an entry to the context; it is written by the caller's own SaveChanges, in the same transaction as the action.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    public void Record(string actor, string action, string? target = null, string? details = null)
        => db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Target = target, Details = details });

    public async Task RecordNowAsync(string actor, string action, string? target = null, string? details = null, CancellationToken ct = default)
    {
        Record(actor, action, target, details);
        await db.SaveChangesAsync(ct);
    }
}
