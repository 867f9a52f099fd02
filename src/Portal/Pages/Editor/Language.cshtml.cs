using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Localization;

namespace Portal.Pages.Editor;

/// <summary>
/// The workspace's language switch (nl/en, in its header, on the sign-in page too): remembered in a cookie scoped to
/// /editor, as the sign-in cookie is, so reader pages never see it.
/// </summary>
[AllowAnonymous]
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => Redirect("/editor");

    public IActionResult OnPost(string? lang, string? returnUrl)
    {
        if (!PathCultureProvider.EditorCultures.IsSupported(lang)) return BadRequest();
        Response.Cookies.Append(PathCultureProvider.EditorLanguageCookie, lang!, new CookieOptions
        {
            Path = "/editor",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/editor", StringComparison.Ordinal) ? returnUrl : "/editor");
    }
}
