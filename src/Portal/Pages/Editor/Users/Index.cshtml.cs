using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;

namespace Portal.Pages.Editor.Users;

/// <summary>Administrators add accounts, change roles, lock accounts and reset passwords (<see cref="AccountChanges"/>); every change is audited.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(UserManager<IdentityUser> users, AccountChanges changes, IServiceProvider services, Localization.PortalCultures cultures) : PageModel
{
    public sealed record UserRow(string Id, string Email, IList<string> Roles, bool LockedOut, IReadOnlyList<string> Languages);

    /// <summary>The languages a translator can be given: every one but the source, which is written, not translated.</summary>
    public IEnumerable<string> TranslationLanguages => cultures.Names.Where(c => c != cultures.Source);

    public IReadOnlyList<UserRow> Accounts { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>After a reset: whose password, and the temporary one, shown on this answer only.</summary>
    public (string Email, string Password)? Reset { get; private set; }

    [BindProperty]
    public NewUser Input { get; set; } = new();

    public sealed class NewUser
    {
        [Required, EmailAddress] public string Email { get; set; } = "";
        [Required] public string Role { get; set; } = Roles.Editor;
        [Required, MinLength(12)] public string Password { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!ModelState.IsValid || !Roles.All.Contains(Input.Role))
        {
            Error = "E-mail, a role and a password of at least 12 characters are required.";
            Response.StatusCode = 400;
            await LoadAsync();
            return Page();
        }
        var result = await UserCommands.CreateAsync(services, Input.Email, Input.Role, Input.Password, User.Identity!.Name!);
        if (!result.Succeeded)
        {
            Error = string.Join(" ", result.Errors.Select(e => e.Description));
            Response.StatusCode = 400;
            await LoadAsync();
            return Page();
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, bool remove)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || !Roles.All.Contains(role)) return NotFound();
        return await AnswerAsync(await changes.SetRoleAsync(user, role, remove, User.Identity!.Name!));
    }

    public async Task<IActionResult> OnPostLockAsync(string id, bool unlock)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        return await AnswerAsync(await changes.SetLockedAsync(user, !unlock, User.Identity!.Name!));
    }

    public async Task<IActionResult> OnPostLanguagesAsync(string id, List<string> languages)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        return await AnswerAsync(await changes.SetLanguagesAsync(user, languages, User.Identity!.Name!));
    }

    public async Task<IActionResult> OnPostResetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var outcome = await changes.ResetPasswordAsync(user, User.Identity!.Name!);
        if (!outcome.Succeeded) return await AnswerAsync(outcome);
        Reset = (user.Email ?? "", outcome.TemporaryPassword!); // shown once, in this answer; never stored or redirected with
        Response.Headers.CacheControl = "no-store"; // the password must not stay in any cache
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> AnswerAsync(AccountChanges.Outcome outcome)
    {
        if (outcome.Succeeded) return RedirectToPage();
        Error = outcome.Error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var rows = new List<UserRow>();
        foreach (var u in await users.Users.OrderBy(u => u.Email).ToListAsync())
            rows.Add(new UserRow(u.Id, u.Email ?? u.UserName ?? "", await users.GetRolesAsync(u), await users.IsLockedOutAsync(u),
                (await users.GetClaimsAsync(u)).Where(c => c.Type == TranslatorLanguages.ClaimType).Select(c => c.Value).ToList()));
        Accounts = rows;
    }
}
