using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>
/// The languages a person translates, as claims on their account (Identity's user claims: no table of our own); the
/// sign-in cookie carries them. The dashboard opens on them for a translator. Set by an administrator at /editor/users
/// or with `users languages &lt;email&gt; fr,ar` (an empty list clears them).
/// </summary>
public static class TranslatorLanguages
{
    public const string ClaimType = "portal:language";

    public static IReadOnlyList<string> Of(ClaimsPrincipal user) => user.FindAll(ClaimType).Select(c => c.Value).ToList();

    /// <summary>`users languages &lt;email&gt; [fr,ar]`: the same change as /editor/users makes, audited as the command line's.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, string actor)
    {
        var options = services.GetRequiredService<PortalOptions>();
        if (args.Length is < 3 or > 4)
        {
            Console.Error.WriteLine($"usage: users languages <email> [{string.Join(",", options.Cultures.Where(c => c != options.SourceCulture))}]   (none: clear)");
            return 2;
        }
        var cultures = (args.Length == 4 ? args[3] : "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (cultures.FirstOrDefault(c => !options.Cultures.Contains(c)) is { } unknown)
        {
            Console.Error.WriteLine($"'{unknown}' is not one of the portal's languages ({string.Join(" ", options.Cultures)}).");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByEmailAsync(args[2]) is not { } user)
        {
            Console.Error.WriteLine($"No account {args[2]}.");
            return 1;
        }
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountChanges>().SetLanguagesAsync(user, cultures, actor);
        if (!outcome.Succeeded)
        {
            Console.Error.WriteLine(outcome.Error);
            return 1;
        }
        Console.WriteLine(cultures.Count == 0 ? $"{args[2]} has no languages of their own." : $"{args[2]} translates {string.Join(", ", cultures)}.");
        return 0;
    }

    /// <summary>Replaces the claims; callers go through <see cref="AccountChanges.SetLanguagesAsync"/>, which checks and audits.</summary>
    public static async Task<IdentityResult> SetAsync(UserManager<IdentityUser> users, IdentityUser user, IReadOnlyList<string> cultures)
    {
        var old = (await users.GetClaimsAsync(user)).Where(c => c.Type == ClaimType).ToList();
        if (old.Count > 0)
        {
            var removed = await users.RemoveClaimsAsync(user, old);
            if (!removed.Succeeded) return removed;
        }
        return cultures.Count == 0 ? IdentityResult.Success : await users.AddClaimsAsync(user, cultures.Select(c => new Claim(ClaimType, c)));
    }
}
