using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;

namespace Portal.Pages.Editor;

/// <summary>
/// The dashboard's warning: published stories whose consent ends within 30 days (they disappear from readers by
/// themselves on that day). A component of its own, so the dashboard only places it.
/// </summary>
public sealed class ConsentEndingViewComponent(PortalDbContext db, PortalOptions options, TimeProvider clock) : ViewComponent
{
    public const int DaysAhead = 30;

    public sealed record Ending(int ItemId, string Title, DateOnly Until);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var today = StoryRules.Today(clock);
        // Consent lives in the revision's JSON fields: read the (few) published stories and look at each.
        var stories = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.Kind == ContentKind.Story && t.Culture == options.SourceCulture && t.PublishedRevisionId != null)
            .Select(t => new { t.ContentItemId, t.PublishedRevision!.Title, t.PublishedRevision.Fields })
            .ToListAsync(HttpContext.RequestAborted);
        var ending = stories
            .Select(s => new Ending(s.ContentItemId, s.Title, (s.Fields as StoryFields)?.Consent.Expires ?? DateOnly.MaxValue))
            .Where(e => e.Until >= today && e.Until <= today.AddDays(DaysAhead))
            .OrderBy(e => e.Until).ToList();
        return View(ending);
    }
}
