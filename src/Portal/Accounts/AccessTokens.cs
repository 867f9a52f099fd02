using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Content;
using Portal.Data;

namespace Portal.Accounts;

/// <summary>
/// Creates, revokes and checks personal access tokens. A token reads <c>portal_&lt;prefix&gt;_&lt;secret&gt;</c>: an
/// 8-character random hex prefix (public: how the token is found and named in lists and the audit log) and 32 random
/// bytes, base64url. Only SHA-256 of the secret is stored; a 256-bit random secret needs no slow hash.
/// </summary>
public sealed class AccessTokens(PortalDbContext db, UserManager<IdentityUser> users, AuditLog audit, TimeProvider clock)
{
    private const string Scheme = "portal_";
    private const int PrefixLength = 8;
    /// <summary>How often "last used" is written: not on every request of a busy script.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public sealed record Created(AccessToken Token, string Secret);

    public async Task<Created?> CreateAsync(string userId, string name, DateTimeOffset? expiresAt, string createdBy, CancellationToken ct = default)
    {
        var owner = await users.FindByIdAsync(userId);
        if (owner is null) return null;
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new AccessToken
        {
            UserId = owner.Id, Name = name.Trim(), Prefix = prefix, SecretHash = Hash(secret),
            CreatedAt = clock.GetUtcNow(), CreatedBy = createdBy, ExpiresAt = expiresAt,
        };
        db.AccessTokens.Add(token);
        audit.Record(createdBy, AuditActions.TokenCreated, owner.Email, $"token {prefix} \"{token.Name}\"{(expiresAt is { } e ? $", expires {WorkspaceTime.Format(e, CultureInfo.InvariantCulture)}" : "")}");
        await db.SaveChangesAsync(ct);
        return new Created(token, $"{Scheme}{prefix}_{secret}");
    }

    public async Task<bool> RevokeAsync(int id, string revokedBy, CancellationToken ct = default)
    {
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null || token.RevokedAt is not null) return false;
        token.RevokedAt = clock.GetUtcNow();
        token.RevokedBy = revokedBy;
        var owner = await users.FindByIdAsync(token.UserId);
        audit.Record(revokedBy, AuditActions.TokenRevoked, owner?.Email, $"token {token.Prefix} \"{token.Name}\"");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The active token and its owner for a presented token string, or null (unknown, malformed, revoked, expired).</summary>
    public async Task<(AccessToken Token, IdentityUser Owner)?> FindActiveAsync(string presented, CancellationToken ct = default)
    {
        if (!TryParse(presented, out var prefix, out var secret)) return null;
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Prefix == prefix, ct);
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.SecretHash, Hash(secret))) return null;
        var now = clock.GetUtcNow();
        if (!token.IsActive(now)) return null;
        var owner = await users.FindByIdAsync(token.UserId);
        if (owner is null) return null;

        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return (token, owner);
    }

    private static bool TryParse(string presented, out string prefix, out string secret)
    {
        (prefix, secret) = ("", "");
        if (!presented.StartsWith(Scheme, StringComparison.Ordinal) || presented.Length != Scheme.Length + PrefixLength + 1 + 43) return false;
        if (presented[Scheme.Length + PrefixLength] != '_') return false;
        prefix = presented.Substring(Scheme.Length, PrefixLength);
        secret = presented[(Scheme.Length + PrefixLength + 1)..];
        return prefix.All(char.IsAsciiHexDigitLower);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));
}
