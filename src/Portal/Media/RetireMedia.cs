using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content.Editing;

namespace Portal.Media;

/// <summary>
/// Takes an item out of the library: refused while a published text shows it (readers would lose the picture silently).
/// Its files stay, so that a page cached with its addresses still shows it until it is published again.
/// </summary>
public static class RetireMedia
{
    public sealed record Command(string Key);

    public sealed class Handler(EditingContext ctx, MediaPages pages)
    {
        public async Task<EditResult> HandleAsync(Command cmd, Actor actor, CancellationToken ct = default)
        {
            if (!actor.CanManageItems) return EditResult.Forbidden("editor.media.editors-only");
            var db = ctx.Db;
            var item = await db.MediaItems.SingleOrDefaultAsync(i => i.Key == cmd.Key, ct);
            if (item is null) return EditResult.NotFound;
            if (item.RetiredAt is not null) return EditResult.Invalid("editor.media.retired");
            var videos = await db.MediaItems.Where(v => v.PosterKey == cmd.Key && v.RetiredAt == null).Select(v => v.Key).ToListAsync(ct);
            if (videos.Count > 0) return EditResult.Invalid("editor.media.retire-poster", string.Join(", ", videos)); // their players would show nothing before play
            var published = (await MediaReferences.UsesAsync(db, cmd.Key, ct)).Where(u => u.Published).ToList();
            if (published.Count > 0)
                return EditResult.Invalid("editor.media.retire-in-use", string.Join(", ", published.Select(u => $"{u.ItemKey} ({u.Culture})")));
            item.RetiredAt = ctx.Now;
            item.Version++;
            ctx.Audit.Record(actor.Name, AuditActions.MediaRetired, $"media:{item.Key}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return EditResult.Conflict;
            }
            await pages.RenderAgainAsync(item.Key, ct); // no published text names it; drafts show it as gone
            return EditResult.Ok();
        }
    }
}
