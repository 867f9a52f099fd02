using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portal.Localization;

namespace Portal.Pages;

/// <summary>
/// The localized 404 (also for an unknown language code); the language comes from the requested path or Accept-Language.
/// A retired item's address comes here with 410 (status-code pages re-execute it) and keeps it, with "removed" wording.
/// </summary>
[IgnoreAntiforgeryToken] // re-executed for whatever method missed: a POST to an unknown address is a 404, not a 400
public sealed class NotFoundModel(PortalCultures cultures) : ReaderPageModel(cultures)
{
    public bool Gone { get; private set; }

    public void OnGet()
    {
        Gone = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode == StatusCodes.Status410Gone;
        Response.StatusCode = Gone ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
    }
}
