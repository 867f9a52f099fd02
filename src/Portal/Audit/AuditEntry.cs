namespace Portal.Audit;

/// <summary>Who did what, when. Rows are only ever inserted (no page or command updates or deletes them).</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The acting account's e-mail, "system" for the scheduler, or the name tried in a failed sign-in.</summary>
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Details { get; set; }
}

/// <summary>The audited actions, as stored (kebab, stable).</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string Create = "create";
    public const string SaveDraft = "save-draft";
    public const string Publish = "publish";
    public const string Schedule = "schedule";
    public const string ScheduledPublish = "scheduled-publish";
    public const string Approve = "approve-safety";
    public const string SendBack = "send-back-safety";
    public const string Unpublish = "unpublish";
    public const string MarkReviewed = "mark-reviewed";
    public const string RestoreRevision = "restore-revision";
    public const string Rename = "rename";
    public const string Retire = "retire";
    public const string RestoreItem = "restore-item";
    public const string DeleteItem = "delete-item";
    public const string UserCreated = "user-created";
    public const string UserChanged = "user-changed";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string NoticePublished = "notice-published";
    public const string NoticeRemoved = "notice-removed";
    public const string WebhookCreated = "webhook-created";
    public const string WebhookSecretRotated = "webhook-secret-rotated";
    public const string WebhookDisabled = "webhook-disabled";
    public const string WebhookEnabled = "webhook-enabled";
    public const string WebhookDeleted = "webhook-deleted";
    public const string WebhookRedelivered = "webhook-redelivered";
    public const string MediaUploaded = "media-uploaded";
    public const string MediaReplaced = "media-replaced";
    public const string MediaAltText = "media-alt-text";
    public const string MediaSubtitles = "media-subtitles";
    public const string MediaTranscript = "media-transcript";
    public const string MediaPoster = "media-poster";
    public const string MediaRetired = "media-retired";
}
