using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Data;

namespace Portal.Accounts;

/// <summary>
/// The workspace cookie's check against the account on every request (Identity's security stamp validator) when the
/// database cannot be reached or opened: instead of failing before any page runs (and failing the error page too, which
/// runs the check again), the request keeps the cookie's identity and is marked as unchecked. The workspace then only
/// gives a posted form back with its text (<see cref="Pages.Editor.DatabaseOutageFilter"/>); nothing acts on an
/// identity the database has not confirmed.
/// </summary>
public static class AccountCheck
{
    private const string UncheckedKey = "Portal.AccountUnchecked";

    public static Func<CookieValidatePrincipalContext, Task> KeepingIdentityInOutage(Func<CookieValidatePrincipalContext, Task> validate) => async context =>
    {
        try
        {
            await validate(context);
        }
        catch (Exception ex) when (DatabaseFault.IsTemporary(ex))
        {
            context.HttpContext.Items[UncheckedKey] = ex;
        }
    };

    /// <summary>Why this request's account could not be checked, or null when it was (or there is none).</summary>
    public static Exception? Unchecked(HttpContext http) => http.Items[UncheckedKey] as Exception;
}
