namespace Portal.Accounts;

/// <summary>
/// A personal access token for the management API. It acts as its owner, with the owner's roles at the time of each
/// request (a role removed, or the account locked or deleted, stops it). Only the SHA-256 hash of the secret is kept:
/// the token itself is shown once, when it is created.
/// </summary>
public class AccessToken
{
    public int Id { get; set; }

    /// <summary>The Identity user the token acts as.</summary>
    public required string UserId { get; set; }

    /// <summary>What the token is for ("translation import script"), shown in the list.</summary>
    public required string Name { get; set; }

    /// <summary>Random and public: part of the token, shown in lists and the audit log, and how a token is looked up.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the secret part; compared in constant time.</summary>
    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
