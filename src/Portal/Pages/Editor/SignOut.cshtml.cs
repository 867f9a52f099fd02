using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Audit;

namespace Portal.Pages.Editor;

public sealed class SignOutModel(SignInManager<IdentityUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/editor");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await audit.RecordNowAsync(User.Identity?.Name ?? "anonymous", AuditActions.SignOut, ct: ct);
        await signIn.SignOutAsync();
        return Redirect("/editor/sign-in");
    }
}
