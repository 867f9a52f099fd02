using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Data;

namespace Portal.Pages.Editor.Audit;

/// <summary>The audit log, newest first, filterable by who, what and since when. Read-only: there is no way to change it here.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public string? Actor { get; private set; }
    public string? Action { get; private set; }
    public DateOnly? Since { get; private set; }

    public async Task OnGetAsync(string? actor, string? action, DateOnly? since, CancellationToken ct)
    {
        (Actor, Action, Since) = (actor, action, since);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(actor)) q = q.Where(a => a.Actor.Contains(actor));
        if (!string.IsNullOrWhiteSpace(action)) q = q.Where(a => a.Action == action);
        if (since is { } s)
        {
            var from = WorkspaceTime.FromLocal(s.ToDateTime(TimeOnly.MinValue)); // the day as Amsterdam counts it, like the times shown
            q = q.Where(a => a.At >= from);
        }
        Entries = await q.OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        Actions = typeof(AuditActions).GetFields().Select(f => (string)f.GetValue(null)!).Order().ToList();
    }
}
