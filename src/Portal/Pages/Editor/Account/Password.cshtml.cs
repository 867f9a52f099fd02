using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Accounts;

namespace Portal.Pages.Editor.Account;

/// <summary>/editor/account/password: every editor changes their own password; after a reset, the only page open to them.</summary>
public sealed class PasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, AccountChanges changes, IStringLocalizer<PasswordModel> t) : PageModel
{
    [BindProperty]
    public Passwords Input { get; set; } = new();

    public sealed class Passwords
    {
        [Required] public string Current { get; set; } = "";
        [Required] public string New { get; set; } = "";
        [Required] public string Repeat { get; set; } = "";
    }

    public bool MustChange => User.HasClaim(c => c.Type == AccountChanges.MustChangePasswordClaim);
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid) return Refuse(t["editor.password.all-fields"].Value);
        if (Input.New != Input.Repeat) return Refuse(t["editor.password.mismatch"].Value);
        var outcome = await changes.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!outcome.Succeeded) return Refuse(outcome.Error!);
        await signIn.RefreshSignInAsync(user); // this session goes on with the new stamp; the others end
        TempData["Status"] = t["editor.status.password-changed"].Value;
        return Redirect("/editor");
    }

    private PageResult Refuse(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
