using Portal.Api;
using Portal.Content;

namespace Portal.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>
/// One event for one endpoint: the outbox row written with the publication it reports, then the delivery log the
/// administrator reads. Attempts, the last answer and the next attempt are updated in place; the body is fixed at the
/// first attempt, so every retry and redelivery sends (and signs) the same bytes.
/// </summary>
public class WebhookDelivery
{
    public const int MaxError = 200;

    public long Id { get; set; }
    public int EndpointId { get; set; }
    public WebhookEndpoint Endpoint { get; set; } = null!;
    public long PublicationId { get; set; }
    public ContentPublication Publication { get; set; } = null!;
    public ChangeAction Action { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the next attempt is due; a node that claims the row moves it ahead by a lease, so no other node takes it meanwhile.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>After this, a failed attempt marks the delivery failed instead of scheduling another (24 h from the event or a redelivery).</summary>
    public DateTimeOffset GiveUpAt { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }

    /// <summary>Why the last attempt failed without an HTTP status (timeout, refused): never the partner's response body.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
    public string? Body { get; set; }
}

/// <summary>The body of every delivery: its id (the same on every retry and redelivery, to drop repeats by) and the change feed's event.</summary>
public sealed record WebhookPayload(string Id, DateTimeOffset Timestamp, ChangeDto Change);
