using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Accounts;

/// <summary>
/// After an administrator's reset, the workspace opens on the password page only (and sign-out) until a new password is
/// chosen: the temporary one was seen by someone else.
/// </summary>
public sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    public const string PasswordPage = "/editor/account/password";
    private static readonly string[] Allowed = ["/Editor/Account/Password", "/Editor/SignOut", "/Editor/SignIn"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.User.HasClaim(c => c.Type == AccountChanges.MustChangePasswordClaim)
            && !Allowed.Contains(context.ActionDescriptor.ViewEnginePath, StringComparer.Ordinal))
        {
            context.Result = new RedirectResult(PasswordPage);
            return;
        }
        await next();
    }
}
