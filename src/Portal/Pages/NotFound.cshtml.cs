using Microsoft.AspNetCore.Mvc;
using Portal.Localization;

namespace Portal.Pages;

/// <summary>The localized 404 (also for an unknown language code); the language comes from the requested path or Accept-Language.</summary>
[IgnoreAntiforgeryToken] // re-executed for whatever method missed: a POST to an unknown address is a 404, not a 400
public sealed class NotFoundModel(PortalCultures cultures) : ReaderPageModel(cultures)
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
