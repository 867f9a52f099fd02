using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Audit;

namespace Portal.Accounts;

/// <summary>
/// The account changes an administrator makes, shared by /editor/users and the `users` command: roles, locking,
/// password resets, and a person's own password change. Each is audited. Every change reaches the person's next request
/// on every node, because the workspace cookie is checked against the database on each request (AccountsExtensions);
/// locking and password changes also renew the security stamp, which ends every open session of that account.
/// There is always one unlocked Administrator left: nobody can remove that role from the last one, or lock them.
/// </summary>
public sealed class AccountChanges(UserManager<IdentityUser> users, AuditLog audit, Localization.PortalCultures cultures)
{
    /// <summary>A user claim: set by a reset, the workspace sends its holder to change the password before anything else.</summary>
    public const string MustChangePasswordClaim = "portal:must-change-password";

    public sealed record Outcome(bool Succeeded, string? Error = null, string? TemporaryPassword = null)
    {
        public static Outcome Refused(string error) => new(false, error);
    }

    public async Task<Outcome> SetRoleAsync(IdentityUser user, string role, bool remove, string actor)
    {
        if (!Roles.All.Contains(role)) return Outcome.Refused($"No role '{role}'. Roles: {string.Join(", ", Roles.All)}.");
        var has = await users.IsInRoleAsync(user, role);
        if (has != remove) return Outcome.Refused($"{user.Email} {(remove ? "does not have" : "already has")} the role {role}.");
        if (remove && role == Roles.Administrator && await IsLastAdministratorAsync(user))
            return Outcome.Refused($"{user.Email} is the last Administrator: make someone else Administrator first.");
        var result = remove ? await users.RemoveFromRoleAsync(user, role) : await users.AddToRoleAsync(user, role);
        if (!result.Succeeded) return Outcome.Refused(Describe(result));
        await audit.RecordNowAsync(actor, AuditActions.UserChanged, user.Email, (remove ? "-" : "+") + role);
        return new Outcome(true);
    }

    public async Task<Outcome> SetLockedAsync(IdentityUser user, bool locked, string actor)
    {
        if (locked)
        {
            if (string.Equals(user.Email, actor, StringComparison.OrdinalIgnoreCase)) return Outcome.Refused("You cannot lock your own account.");
            if (await IsLastAdministratorAsync(user)) return Outcome.Refused($"{user.Email} is the last Administrator: make someone else Administrator first.");
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user); // ends the sessions it has open now, on their next request
        }
        else
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        await audit.RecordNowAsync(actor, AuditActions.UserChanged, user.Email, locked ? "locked" : "unlocked");
        return new Outcome(true);
    }

    /// <summary>
    /// The languages a person translates (<see cref="TranslatorLanguages"/>); none clears them. They reach the person's
    /// next request, whose principal is rebuilt from the database.
    /// </summary>
    public async Task<Outcome> SetLanguagesAsync(IdentityUser user, IReadOnlyCollection<string> languages, string actor)
    {
        if (languages.FirstOrDefault(c => !cultures.IsSupported(c)) is { } unknown)
            return Outcome.Refused($"'{unknown}' is not one of the portal's languages ({string.Join(" ", cultures.Names)}).");
        var ordered = cultures.Names.Where(languages.Contains).ToList(); // the portal's order, each once
        var result = await TranslatorLanguages.SetAsync(users, user, ordered);
        if (!result.Succeeded) return Outcome.Refused(Describe(result));
        await audit.RecordNowAsync(actor, AuditActions.UserChanged, user.Email, "languages: " + (ordered.Count == 0 ? "none" : string.Join(",", ordered)));
        return new Outcome(true);
    }

    /// <summary>A temporary password, shown once to the administrator; its holder must choose a new one at sign-in.</summary>
    public async Task<Outcome> ResetPasswordAsync(IdentityUser user, string actor)
    {
        var temporary = TemporaryPassword();
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), temporary); // renews the stamp
        if (!result.Succeeded) return Outcome.Refused(Describe(result));
        await SetMustChangeAsync(user, true);
        await audit.RecordNowAsync(actor, AuditActions.PasswordReset, user.Email);
        return new Outcome(true, null, temporary);
    }

    public async Task<Outcome> ChangePasswordAsync(IdentityUser user, string current, string next)
    {
        if (current == next) return Outcome.Refused("Choose a password other than the current one.");
        var result = await users.ChangePasswordAsync(user, current, next); // renews the stamp: other sessions end
        if (!result.Succeeded) return Outcome.Refused(Describe(result));
        await SetMustChangeAsync(user, false);
        await audit.RecordNowAsync(user.Email ?? user.UserName ?? user.Id, AuditActions.PasswordChanged, user.Email);
        return new Outcome(true);
    }

    /// <summary>True when this account is the only Administrator that is not locked.</summary>
    private async Task<bool> IsLastAdministratorAsync(IdentityUser user)
    {
        if (!await users.IsInRoleAsync(user, Roles.Administrator) || await users.IsLockedOutAsync(user)) return false;
        var active = 0;
        foreach (var admin in await users.GetUsersInRoleAsync(Roles.Administrator))
            if (!await users.IsLockedOutAsync(admin)) active++;
        return active <= 1;
    }

    private async Task SetMustChangeAsync(IdentityUser user, bool must)
    {
        var existing = (await users.GetClaimsAsync(user)).Where(c => c.Type == MustChangePasswordClaim).ToList();
        if (existing.Count > 0) await users.RemoveClaimsAsync(user, existing);
        if (must) await users.AddClaimAsync(user, new Claim(MustChangePasswordClaim, "true"));
    }

    // Four groups of four from an alphabet without look-alikes (no 0/o, 1/l/i): easy to read out, 19 characters.
    private static string TemporaryPassword()
        => string.Join('-', Enumerable.Range(0, 4).Select(_ => new string(RandomNumberGenerator.GetItems<char>("abcdefghjkmnpqrstuvwxyz23456789", 4))));

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
