using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Content;
using Portal.Data;
using Portal.Localization;
using Portal.Webhooks;

namespace Portal.Pages.Editor.Webhooks;

/// <summary>
/// /editor/webhooks: administrators register partners' endpoints (the signing secret is shown once, in the answer to
/// the POST) and see how each one's deliveries stand. See docs/webhooks.md.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(PortalDbContext db, WebhookCommands commands, PortalCultures cultures) : PageModel
{
    public sealed record EndpointRow(int Id, string Url, WebhookEvents Events, string? Kinds, string? Cultures, bool Enabled,
        DateTimeOffset CreatedAt, string CreatedBy, int Pending, int Failed);

    public sealed class NewEndpoint
    {
        public string Url { get; set; } = "";
        /// <summary>Empty unless ticked: a default here would survive a form with every box unticked.</summary>
        public List<WebhookEvents> Events { get; set; } = [];
        public List<string> Kinds { get; set; } = [];
        public List<string> Languages { get; set; } = [];
    }

    [BindProperty]
    public NewEndpoint Input { get; set; } = new();

    public IReadOnlyList<EndpointRow> Endpoints { get; private set; } = [];
    public IReadOnlyList<string> Cultures => cultures.Names;
    /// <summary>The new endpoint's secret, only in the answer that created it.</summary>
    public string? CreatedSecret { get; private set; }
    /// <summary>Why the new endpoint was refused, in the answer to that POST.</summary>
    public WebhookRefusal Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Events = [WebhookEvents.Published, WebhookEvents.Updated, WebhookEvents.Unpublished]; // every event, until unticked
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var kinds = Input.Kinds.Select(k => ContentKinds.TryParse(k, out var kind) ? kind : (ContentKind?)null).ToList();
        var events = Input.Events.Aggregate(WebhookEvents.None, (all, e) => all | e);
        // A kind or event the form does not offer comes from an edited form, not from a person choosing.
        var (created, refusal) = ModelState.IsValid && kinds.All(k => k is not null)
            ? await commands.CreateAsync(Input.Url, events, kinds.Select(k => k!.Value).ToList(), Input.Languages, User.Identity!.Name!, ct)
            : (null, WebhookRefusal.UnknownFilter);
        if (created is null)
        {
            Refusal = refusal;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            CreatedSecret = created.Secret;
            Input = new NewEndpoint { Events = [WebhookEvents.Published, WebhookEvents.Updated, WebhookEvents.Unpublished] };
            ModelState.Clear();
        }
        Response.Headers.CacheControl = "no-store"; // the secret must not stay in any cache
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
        => Endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new EndpointRow(e.Id, e.Url, e.Events, e.Kinds, e.Cultures, e.Enabled, e.CreatedAt, e.CreatedBy,
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.Status == WebhookDeliveryStatus.Pending),
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.Status == WebhookDeliveryStatus.Failed)))
            .ToListAsync(ct);
}
