using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Data;

namespace Portal.Notices;

/// <summary>Publish or remove the site-wide emergency notice: administrators only, effective on the next reader request, no deploy.</summary>
public sealed class NoticeCommands(PortalDbContext db, SiteNoticeState state, AuditLog audit, ReaderCache readerCache, TimeProvider clock, PortalOptions options)
{
    public async Task<bool> PublishAsync(IReadOnlyDictionary<string, string> texts, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Administrator)) return false;
        var given = texts.Where(kv => options.Cultures.Contains(kv.Key) && !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Trim());
        if (!given.ContainsKey(options.SourceCulture)) return false; // the source text is what untranslated languages show

        var now = clock.GetUtcNow();
        foreach (var old in await db.SiteNotices.Where(n => n.RemovedAt == null).ToListAsync(ct))
        {
            old.RemovedAt = now;
            old.RemovedBy = actor.Name;
        }
        db.SiteNotices.Add(new SiteNotice { CreatedAt = now, CreatedBy = actor.Name, Texts = given.Select(kv => new SiteNoticeText { Culture = kv.Key, Text = kv.Value }).ToList() });
        audit.Record(actor.Name, AuditActions.NoticePublished, "site-notice", $"{given[options.SourceCulture]} ({string.Join(", ", given.Keys)})");
        await db.SaveChangesAsync(ct);
        await state.RefreshAsync(db, ct);
        await readerCache.ChangedAsync(ct);
        return true;
    }

    public async Task<bool> RemoveAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Administrator)) return false;
        var active = await db.SiteNotices.Where(n => n.RemovedAt == null).ToListAsync(ct);
        foreach (var n in active)
        {
            n.RemovedAt = clock.GetUtcNow();
            n.RemovedBy = actor.Name;
        }
        audit.Record(actor.Name, AuditActions.NoticeRemoved, "site-notice");
        await db.SaveChangesAsync(ct);
        await state.RefreshAsync(db, ct);
        await readerCache.ChangedAsync(ct);
        return true;
    }
}
