using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Content.Markdown;
using Portal.Data;

namespace Portal.Media;

/// <summary>
/// Shows readers a media item's change without a new publish: a revision's <see cref="ContentRevision.BodyHtml"/> is its
/// Markdown rendered with the library as it was, so when an item's file is replaced, its alt text changes or it is
/// retired (or a video's subtitles, transcript or poster change), the published revisions and current drafts that name it are rendered again (the one case where a revision
/// row is updated: its HTML is derived, its text and fields stay as saved) and the readers' cache is evicted for the
/// published ones, on every node (<see cref="ReaderCache"/>).
/// </summary>
public sealed class MediaPages(PortalDbContext db, MarkdownRenderer renderer, ReaderCache readerCache, PortalOptions options)
{
    public async Task RenderAgainAsync(string key, CancellationToken ct)
    {
        // A video shows its poster image's file: a changed poster changes every text that shows such a video.
        foreach (var k in await db.MediaItems.Where(i => i.PosterKey == key || i.Key == key).OrderBy(i => i.Key != key).Select(i => i.Key).ToListAsync(ct))
            await RenderTextsShowingAsync(k, ct);
    }

    private async Task RenderTextsShowingAsync(string key, CancellationToken ct)
    {
        var token = MediaReferences.Of(key);
        var translations = await db.ContentTranslations.Include(t => t.Item).Include(t => t.PublishedRevision).Include(t => t.DraftRevision)
            .Where(t => t.PublishedRevision!.BodyMarkdown.Contains(token) || t.DraftRevision!.BodyMarkdown.Contains(token))
            .AsSplitQuery().ToListAsync(ct);
        foreach (var t in translations)
            foreach (var r in new[] { t.PublishedRevision, t.DraftRevision }.OfType<ContentRevision>().Distinct())
            {
                if (!r.BodyMarkdown.Contains(token, StringComparison.Ordinal)) continue;
                var rendered = renderer.Render(r.BodyMarkdown, t.Culture, await MediaFigures.LoadAsync(db, r.BodyMarkdown, t.Culture, options.SourceCulture, ct));
                r.BodyHtml = rendered.Html;
                r.Outline = rendered.Outline;
            }
        await db.SaveChangesAsync(ct);
        await readerCache.RenderedAgainAsync(translations.Where(t => t.PublishedRevision?.BodyMarkdown.Contains(token, StringComparison.Ordinal) == true).ToList(), options.SourceCulture, ct);
    }
}
