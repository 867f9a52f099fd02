using Portal.Api;
using Portal.Content;

namespace Portal.Webhooks;

/// <summary>The events an endpoint asks for: the change feed's three actions.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    Published = 1,
    Updated = 2,
    Unpublished = 4,
    All = Published | Updated | Unpublished,
}

/// <summary>Why an endpoint was not added; each has its own message in the workspace (editor.webhook-refused-*).</summary>
public enum WebhookRefusal
{
    None,
    NotAnAddress,
    TooLong,
    NotHttps,
    Credentials,
    Fragment,
    NoEvents,
    UnknownFilter,
}

/// <summary>
/// A partner's address that gets a signed POST for every publication event it asks for. The secret is kept as it
/// was given out (HMAC needs it; a hash would not do; docs/webhooks.md says why it is not encrypted) and is never shown
/// again after the answer that created it.
/// </summary>
public class WebhookEndpoint
{
    public const int MaxUrl = 500;

    public int Id { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }
    public WebhookEvents Events { get; set; } = WebhookEvents.All;

    /// <summary>Kebab kind names, comma-separated ("country-guide,story"); null for every kind.</summary>
    public string? Kinds { get; set; }

    /// <summary>Culture names, comma-separated ("nl,ar"); null for every language.</summary>
    public string? Cultures { get; set; }

    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? SecretRotatedAt { get; set; }

    public bool Wants(ChangeAction action, ContentKind kind, string culture)
        => Enabled
           && Events.HasFlag(action switch { ChangeAction.Updated => WebhookEvents.Updated, ChangeAction.Unpublished => WebhookEvents.Unpublished, _ => WebhookEvents.Published })
           && (Kinds is null || Kinds.Split(',').Contains(kind.ToKebab()))
           && (Cultures is null || Cultures.Split(',').Contains(culture));

    /// <summary>
    /// HTTPS, or plain HTTP to this machine only (a local relay, the tests): an event must not cross a network
    /// unencrypted. No user name or password in the address, since the address is shown in the workspace and the audit log.
    /// </summary>
    public static WebhookRefusal CheckUrl(string? value)
    {
        if (value?.Length > MaxUrl) return WebhookRefusal.TooLong;
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)) return WebhookRefusal.NotAnAddress;
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) return WebhookRefusal.NotHttps; // loopback: localhost, 127.0.0.0/8, [::1]
        if (uri.UserInfo.Length > 0) return WebhookRefusal.Credentials;
        return uri.Fragment.Length > 0 ? WebhookRefusal.Fragment : WebhookRefusal.None;
    }
}
