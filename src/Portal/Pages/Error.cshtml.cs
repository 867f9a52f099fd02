using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages;

/// <summary>
/// The reader's error page, re-executed by the exception handler for whatever method failed (so no antiforgery check and
/// no handler method: it answers in <see cref="OnPageHandlerExecuting"/>). It shows the error id of the log line; a
/// database outage or a full disk is a 503 with Retry-After. Asked for directly, /error is a 404: nothing failed.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(PortalCultures cultures) : ReaderPageModel(cultures)
{
    public string? ErrorId { get; private set; }
    public bool Unavailable { get; private set; }
    public bool TooLarge { get; private set; }

    /// <summary>The limit of the form that was refused with 413, written as the reader's language writes numbers.</summary>
    public string TooLargeMegabytes { get; private set; } = "";

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is not { } error)
        {
            context.Result = NotFound();
            return;
        }
        ServerErrors.SetStatus(HttpContext, error);
        Unavailable = Response.StatusCode == StatusCodes.Status503ServiceUnavailable;
        TooLarge = Response.StatusCode == StatusCodes.Status413PayloadTooLarge;
        if (TooLarge)
        {
            var path = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? Request.Path;
            TooLargeMegabytes = ReaderNumbers.Format(RequestLimits.LimitFor(Request.Method, path) / (1024 * 1024), "0", System.Globalization.CultureInfo.CurrentUICulture);
        }
        ErrorId = ServerErrors.Id(HttpContext);
    }
}
