using Microsoft.AspNetCore.Mvc;
using Portal.Content;
using Portal.Localization;

namespace Portal.Pages;

/// <summary>
/// "/": sends the reader to the best of their browser's languages; when none of them is supported, shows every
/// language by its own name. Never remembered in a cookie.
/// </summary>
public sealed class IndexModel(PortalCultures cultures) : ReaderPageModel(cultures)
{
    public IActionResult OnGet()
    {
        Response.Headers.Vary = "Accept-Language";
        if (Request.Query.ContainsKey("choose")) return Page();
        var match = Cultures.Match(Request.Headers.AcceptLanguage.ToString());
        if (match is null) return Page();
        return Redirect(ReaderUrls.Home(match));
    }

    public IReadOnlyList<System.Globalization.CultureInfo> Languages => Cultures.All;
}
