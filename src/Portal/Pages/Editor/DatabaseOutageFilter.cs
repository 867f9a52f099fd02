using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Pages.Editor;

/// <summary>A workspace page whose posted form can be shown again from what was posted alone, without the database.</summary>
public interface IKeepsTextOnOutage
{
    /// <summary>The form again with everything typed and why it was not saved; reads nothing from the database.</summary>
    IActionResult TextKept(EditResult notSaved);
}

/// <summary>
/// A workspace form posted while the database cannot be reached, opened or given room comes back with everything typed
/// and "not saved: …" (503, Retry-After) instead of the reader's error page, whether the fault came up in the account
/// check, the page's reads or the save itself. A request whose account could not be checked runs no handler at all
/// (<see cref="AccountCheck"/>): a form comes back, anything else is the 503 error page.
/// </summary>
public sealed partial class DatabaseOutageFilter(ILogger<DatabaseOutageFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var page = HttpMethods.IsPost(context.HttpContext.Request.Method) ? context.HandlerInstance as IKeepsTextOnOutage : null;
        if (AccountCheck.Unchecked(context.HttpContext) is { } outage)
        {
            if (page is null) ExceptionDispatchInfo.Throw(outage);
            context.Result = Kept(context.HttpContext, page, outage);
            return;
        }
        var done = await next();
        if (page is not null && done is { Exception: { } fault, ExceptionHandled: false } && DatabaseFault.IsTemporary(fault))
        {
            done.Result = Kept(context.HttpContext, page, fault);
            done.ExceptionHandled = true;
        }
    }

    private IActionResult Kept(HttpContext http, IKeepsTextOnOutage page, Exception fault)
    {
        var kind = DatabaseFault.Classify(fault);
        NotSaved(logger, fault, http.Request.Method, http.Request.Path.Value ?? "/", DatabaseFault.Describe(kind)!);
        return page.TextKept(EditResult.NotSaved(kind));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} not saved ({Cause}): the form went back with the text typed")]
    private static partial void NotSaved(ILogger logger, Exception exception, string method, string path, string cause);
}
