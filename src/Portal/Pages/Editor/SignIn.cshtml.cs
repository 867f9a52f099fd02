using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Accounts;
using Portal.Audit;

namespace Portal.Pages.Editor;

/// <summary>Sign-in: lockout after 5 failures (Identity), at most N attempts per client per minute (rate limiter), every attempt audited.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.SignInRateLimit)]
public sealed class SignInModel(SignInManager<IdentityUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public Credentials Input { get; set; } = new();

    public sealed class Credentials
    {
        [Required, EmailAddress, Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordNowAsync(Input.Email, AuditActions.SignIn, ct: ct);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith("/editor", StringComparison.Ordinal) ? returnUrl : "/editor");
        }
        await audit.RecordNowAsync(Input.Email, AuditActions.SignInFailed, details: result.IsLockedOut ? "locked out" : null, ct: ct);
        // Locked by an administrator (until unlocked) reads differently from the 15 minutes after failed attempts.
        var lockedUntil = result.IsLockedOut ? (await signIn.UserManager.FindByEmailAsync(Input.Email))?.LockoutEnd : null;
        Error = !result.IsLockedOut ? "editor.sign-in-failed" : lockedUntil > DateTimeOffset.UtcNow.AddDays(1) ? "editor.locked-by-administrator" : "editor.locked-out";
        return Page();
    }
}
