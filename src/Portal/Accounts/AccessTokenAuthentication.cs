using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Portal.Accounts;

/// <summary>
/// <c>Authorization: Bearer portal_…</c> for the management API only: its endpoints name this scheme in their policy,
/// and the workspace's default scheme stays the cookie, so a token never opens an /editor page and a cookie never
/// authenticates the API (no CSRF surface). Each request builds the principal from the owner's account as it is now.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokens tokens, UserManager<IdentityUser> users, IUserClaimsPrincipalFactory<IdentityUser> principals,
    FailedTokenAttempts failures, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    /// <summary>The token's public prefix, for the audit log.</summary>
    public const string PrefixClaim = "portal:token";
    private const string RateLimited = "portal:token-rate-limited";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token.");

        var client = Context.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (failures.IsBlocked(client))
        {
            Context.Items[RateLimited] = true;
            return AuthenticateResult.Fail("Too many failed token attempts.");
        }
        var found = await tokens.FindActiveAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is not { } f || await users.IsLockedOutAsync(f.Owner))
        {
            failures.Record(client);
            return AuthenticateResult.Fail("Unknown, expired or revoked token, or a locked account.");
        }

        var owner = await principals.CreateAsync(f.Owner); // name and the roles the account holds now
        var identity = new ClaimsIdentity(owner.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(PrefixClaim, f.Token.Prefix));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(RateLimited))
        {
            Response.Headers.RetryAfter = "60";
            return WriteAsync(StatusCodes.Status429TooManyRequests, "Too many failed attempts", "Too many requests with an invalid token from this address; wait a minute.");
        }
        var presented = !string.IsNullOrEmpty(Request.Headers.Authorization);
        Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        return WriteAsync(StatusCodes.Status401Unauthorized, "Token required",
            presented ? "The token is unknown, expired or revoked, or its account is locked." : "Send a personal access token: Authorization: Bearer portal_…");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => WriteAsync(StatusCodes.Status403Forbidden, "Forbidden", "The token's account has no role in the editor workspace.");

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        Response.Headers.CacheControl = "no-store";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>
/// Failed token attempts per client address (in memory, never logged). Guessing a 256-bit secret is hopeless anyway; this
/// keeps a misbehaving client from turning failures into database load.
/// </summary>
public sealed class FailedTokenAttempts(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Portal:Security:FailedTokenAttemptsPerMinute", 10),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>True when the client has used up its failures for this minute (asking for zero permits takes none).</summary>
    public bool IsBlocked(string client)
    {
        using var lease = _limiter.AttemptAcquire(client, 0);
        return !lease.IsAcquired;
    }

    public void Record(string client) => _limiter.AttemptAcquire(client).Dispose();

    public void Dispose() => _limiter.Dispose();
}
