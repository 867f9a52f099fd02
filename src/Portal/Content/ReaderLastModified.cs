using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content;

/// <summary>
/// When readers last saw anything change, as this node knows it: the Last-Modified of every public answer that has no
/// date of its own (pages list titles of many items and show the notice, so one site-wide date is the honest one).
/// Set from the database's newest publication or audited action on start, and moved on by every eviction of the reader
/// cache, never by a render. Whole seconds that only ever grow, so two changes within one second still give two dates
/// and an If-Modified-Since of the first cannot be answered 304 after the second.
/// </summary>
public sealed class ReaderLastModified(TimeProvider clock)
{
    private long _ticks = Truncate(clock.GetUtcNow()).UtcTicks;

    public DateTimeOffset Value => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Called with every eviction: something readers see changed now.</summary>
    public void Changed() => MoveTo(Truncate(clock.GetUtcNow()), strictlyLater: true);

    /// <summary>
    /// On start: the newest publication or audited action (every change readers can see is one or the other). Until it
    /// has run, the start time stands in: later than any change, so never a wrong 304.
    /// </summary>
    public async Task LoadAsync(PortalDbContext db, CancellationToken ct = default)
    {
        // By Id, not MAX(At): SQLite keeps DateTimeOffset as text and cannot aggregate it; both tables are append-only.
        var published = await db.ContentPublications.OrderByDescending(p => p.Id).Select(p => (DateTimeOffset?)p.At).FirstOrDefaultAsync(ct);
        var audited = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => (DateTimeOffset?)a.At).FirstOrDefaultAsync(ct);
        if ((published > audited ? published : audited ?? published) is { } newest)
            Interlocked.Exchange(ref _ticks, Truncate(newest).UtcTicks);
    }

    private void MoveTo(DateTimeOffset at, bool strictlyLater)
    {
        long seen, next;
        do
        {
            seen = Interlocked.Read(ref _ticks);
            next = Math.Max(at.UtcTicks, strictlyLater ? seen + TimeSpan.TicksPerSecond : seen);
        } while (Interlocked.CompareExchange(ref _ticks, next, seen) != seen);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
