using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;
using Portal.Localization;

namespace Portal.Pages.Editor.Content;

/// <summary>
/// /editor/preview/{culture}/{revision}: any revision (a draft, an old one) in the reader layout and stylesheet, in its
/// language and direction. Private: it sits under /editor, behind sign-in, and is never cached or indexed.
/// </summary>
public sealed class PreviewModel(PortalDbContext db, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public ContentRevision Revision { get; private set; } = null!;
    public ContentItem Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string culture, int revisionId, CancellationToken ct)
    {
        var revision = await db.ContentRevisions.AsNoTracking().Include(r => r.Translation).ThenInclude(t => t.Item)
            .SingleOrDefaultAsync(r => r.Id == revisionId && r.Translation.Culture == culture, ct);
        if (revision is null) return NotFound();
        Revision = revision;
        Item = revision.Translation.Item;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
