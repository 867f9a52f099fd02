namespace Portal.Webhooks;

/// <summary>Bound from "Portal:Webhooks". The defaults are the documented behaviour; tests shorten nothing but the clock.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Portal:Webhooks";

    /// <summary>The background dispatcher; tests turn it off and call <see cref="WebhookDispatcher.RunOnceAsync"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The first retry waits this long, each next one twice as long as the one before.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A delivery that has not succeeded this long after its event is marked failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A delivered or failed delivery is deleted this long after its last attempt: the log is for what is happening, not an archive.</summary>
    public TimeSpan KeepDeliveriesFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each node looks for due retries and for events another node queued.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
