using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Notices;

/// <summary>
/// The active emergency notice, held in memory so reader pages pay no database command for it. Refreshed when an
/// administrator changes it, and every 30 s by <see cref="Content.Editing.ScheduledPublisher"/> (for other web nodes).
/// </summary>
public sealed class SiteNoticeState(PortalOptions options)
{
    private sealed record Snapshot(int? Id, IReadOnlyDictionary<string, string> Texts);

    private volatile Snapshot _current = new(null, new Dictionary<string, string>());

    public int? ActiveId => _current.Id;

    /// <summary>The notice in the reader's language, or the source text (and its culture) when it has no translation.</summary>
    public (string Text, string Culture)? For(string culture)
    {
        var texts = _current.Texts;
        if (texts.TryGetValue(culture, out var t)) return (t, culture);
        return texts.TryGetValue(options.SourceCulture, out var s) ? (s, options.SourceCulture) : null;
    }

    public async Task<bool> RefreshAsync(PortalDbContext db, CancellationToken ct = default)
    {
        var notice = await db.SiteNotices.AsNoTracking().Include(n => n.Texts)
            .Where(n => n.RemovedAt == null).OrderByDescending(n => n.Id).FirstOrDefaultAsync(ct);
        var changed = notice?.Id != _current.Id;
        _current = new Snapshot(notice?.Id, notice?.Texts.ToDictionary(t => t.Culture, t => t.Text) ?? new Dictionary<string, string>());
        return changed;
    }
}

public static class SiteNoticeStartup
{
    public static async Task RefreshSiteNoticeAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await services.GetRequiredService<SiteNoticeState>().RefreshAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }
}
