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

    /// <summary>Reloads the newest notice that was not removed; true when it is another one than before.</summary>
    public async Task<bool> RefreshAsync(PortalDbContext db, CancellationToken ct = default)
    {
        // Plain SQL (see PlainSql): every start runs this before its first reader page.
        var notice = await db.ReadAsync("""
            SELECT n."Id", t."Culture", t."Text"
            FROM "SiteNotices" AS n LEFT JOIN "SiteNoticeText" AS t ON t."SiteNoticeId" = n."Id"
            WHERE n."Id" = (SELECT MAX("Id") FROM "SiteNotices" WHERE "RemovedAt" IS NULL)
            """, async (r, c) =>
        {
            int? id = null;
            var texts = new Dictionary<string, string>();
            while (await r.ReadAsync(c))
            {
                id = r.GetInt32(0);
                if (!await r.IsDBNullAsync(1, c)) texts[r.GetString(1)] = r.GetString(2);
            }
            return new Snapshot(id, texts);
        }, ct);
        var changed = notice.Id != _current.Id;
        _current = notice;
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
