using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Audit;
using Portal.Content;
using Portal.Data;
using Portal.Localization;

namespace Portal.Webhooks;

/// <summary>What an administrator does with endpoints (/editor/webhooks); each change is audited in its own save.</summary>
public sealed class WebhookCommands(PortalDbContext db, AuditLog audit, TimeProvider clock, PortalCultures cultures, WebhookOutbox outbox, IOptions<WebhookOptions> options)
{
    public sealed record Created(WebhookEndpoint Endpoint, string Secret);

    /// <summary>The endpoint and its secret, or why it was refused (the page says so in the administrator's language).</summary>
    public async Task<(Created? Created, WebhookRefusal Refusal)> CreateAsync(string url, WebhookEvents events, IReadOnlyCollection<ContentKind> kinds, IReadOnlyCollection<string> languages, string actor, CancellationToken ct = default)
    {
        if (WebhookEndpoint.CheckUrl(url) is not WebhookRefusal.None and var refusal) return (null, refusal);
        if (events == WebhookEvents.None) return (null, WebhookRefusal.NoEvents);
        if ((events & ~WebhookEvents.All) != 0 || languages.Any(c => !cultures.IsSupported(c)) || kinds.Any(k => !Enum.IsDefined(k)))
            return (null, WebhookRefusal.UnknownFilter);
        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Url = url.Trim(), Secret = secret, Events = events,
            // Nothing ticked means everything: a partner that wants all kinds keeps getting a kind added later.
            Kinds = kinds.Count == 0 ? null : string.Join(',', kinds.Distinct().Order().Select(k => k.ToKebab())),
            Cultures = languages.Count == 0 ? null : string.Join(',', languages.Distinct().Order(StringComparer.Ordinal)),
            CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct); // the endpoint and its audit entry, or neither
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct); // for the id the audit names
        await audit.RecordNowAsync(actor, AuditActions.WebhookCreated, Target(endpoint), Describe(endpoint), ct);
        await tx.CommitAsync(ct);
        return (new Created(endpoint, secret), WebhookRefusal.None);
    }

    /// <summary>A new secret, shown once; the old one stops signing at once.</summary>
    public async Task<string?> RotateSecretAsync(int id, string actor, CancellationToken ct = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return null;
        endpoint.Secret = WebhookSignature.NewSecret();
        endpoint.SecretRotatedAt = clock.GetUtcNow();
        await audit.RecordNowAsync(actor, AuditActions.WebhookSecretRotated, Target(endpoint), endpoint.Url, ct);
        return endpoint.Secret;
    }

    /// <summary>A disabled endpoint gets no new events, and its pending deliveries wait until it is enabled again.</summary>
    public async Task<bool> SetEnabledAsync(int id, bool enabled, string actor, CancellationToken ct = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return false;
        if (endpoint.Enabled == enabled) return true;
        endpoint.Enabled = enabled;
        await audit.RecordNowAsync(actor, enabled ? AuditActions.WebhookEnabled : AuditActions.WebhookDisabled, Target(endpoint), endpoint.Url, ct);
        if (enabled) outbox.Wake();
        return true;
    }

    /// <summary>The endpoint and its delivery log; the audit log keeps that it existed.</summary>
    public async Task<bool> DeleteAsync(int id, string actor, CancellationToken ct = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return false;
        db.WebhookEndpoints.Remove(endpoint); // its deliveries go with it (cascade)
        await audit.RecordNowAsync(actor, AuditActions.WebhookDeleted, Target(endpoint), endpoint.Url, ct);
        return true;
    }

    /// <summary>
    /// Sends a delivered or failed delivery again now (the same id and body, freshly signed), with another day of retries.
    /// A waiting one is not touched: a node may be sending it at this moment, and it is retried anyway.
    /// </summary>
    public async Task<bool> RedeliverAsync(int endpointId, long deliveryId, string actor, CancellationToken ct = default)
    {
        var delivery = await db.WebhookDeliveries.Include(d => d.Endpoint)
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId && d.Status != WebhookDeliveryStatus.Pending, ct);
        if (delivery is null) return false;
        var now = clock.GetUtcNow();
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.NextAttemptAt = now;
        delivery.GiveUpAt = now + options.Value.GiveUpAfter;
        delivery.DeliveredAt = null;
        await audit.RecordNowAsync(actor, AuditActions.WebhookRedelivered, Target(delivery.Endpoint), $"delivery {delivery.Id}", ct);
        outbox.Wake();
        return true;
    }

    private static string Target(WebhookEndpoint e) => $"webhook:{e.Id}";

    private static string Describe(WebhookEndpoint e)
        => $"{e.Url}; events {e.Events}; kinds {e.Kinds ?? "all"}; languages {e.Cultures ?? "all"}";
}
