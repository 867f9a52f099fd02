using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Data;
using Portal.Webhooks;

namespace Portal.Pages.Editor.Webhooks;

/// <summary>
/// /editor/webhooks/{id}: one endpoint, its delivery log (newest first: status, attempts, last answer, next attempt)
/// with a redeliver button per delivery, and rotating its secret (shown once), disabling or deleting it.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class DetailsModel(PortalDbContext db, WebhookCommands commands) : PageModel
{
    public const int LogSize = 100;

    public sealed record DeliveryRow(long Id, WebhookDeliveryStatus Status, Api.ChangeAction Action, string Target, DateTimeOffset CreatedAt,
        int Attempts, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt);

    public WebhookEndpoint Endpoint { get; private set; } = null!;
    public IReadOnlyList<DeliveryRow> Deliveries { get; private set; } = [];
    /// <summary>The rotated secret, only in the answer that made it.</summary>
    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRotateAsync(int id, CancellationToken ct)
    {
        NewSecret = await commands.RotateSecretAsync(id, User.Identity!.Name!, ct);
        if (NewSecret is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(int id, CancellationToken ct)
        => await commands.SetEnabledAsync(id, false, User.Identity!.Name!, ct) ? RedirectToPage(new { id }) : NotFound();

    public async Task<IActionResult> OnPostEnableAsync(int id, CancellationToken ct)
        => await commands.SetEnabledAsync(id, true, User.Identity!.Name!, ct) ? RedirectToPage(new { id }) : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
        => await commands.DeleteAsync(id, User.Identity!.Name!, ct) ? RedirectToPage("Index") : NotFound();

    public async Task<IActionResult> OnPostRedeliverAsync(int id, long delivery, CancellationToken ct)
        => await commands.RedeliverAsync(id, delivery, User.Identity!.Name!, ct) ? RedirectToPage(new { id }) : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return false;
        Endpoint = endpoint;
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id).OrderByDescending(d => d.Id).Take(LogSize)
            .Select(d => new
            {
                d.Id, d.Status, d.Action, d.Publication.Translation.Kind, d.Publication.Translation.Item.Key, d.Publication.Translation.Culture,
                d.CreatedAt, d.Attempts, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.DeliveredAt,
            })
            .ToListAsync(ct);
        Deliveries = rows.Select(d => new DeliveryRow(d.Id, d.Status, d.Action, $"{Portal.Content.ContentKinds.ToKebab(d.Kind)}:{d.Key}/{d.Culture}", d.CreatedAt,
            d.Attempts, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.DeliveredAt)).ToList();
        return true;
    }
}
