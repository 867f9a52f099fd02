using Portal.Localization;

namespace Portal.Pages;

public sealed class ErrorModel(PortalCultures cultures) : ReaderPageModel(cultures)
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status500InternalServerError;
}
