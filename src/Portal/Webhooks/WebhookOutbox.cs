using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Api;
using Portal.Content;
using Portal.Data;

namespace Portal.Webhooks;

/// <summary>
/// The outbox: whenever a save appends to the publication log (publish, unpublish, retire, restore, the scheduler, an
/// import), the same save adds one <see cref="WebhookDelivery"/> per endpoint that wants that event, so the event and
/// its deliveries commit or roll back together and a publish waits for no partner. After the save it wakes this node's
/// <see cref="WebhookDispatcher"/>; the other nodes find the rows on their next poll.
/// </summary>
public sealed class WebhookOutbox(TimeProvider clock, Microsoft.Extensions.Options.IOptions<WebhookOptions> options) : SaveChangesInterceptor
{
    private readonly Channel<bool> _work = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    /// <summary>The contexts whose save in progress queued deliveries (an AsyncLocal set in the async "saving" would not reach "saved").</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _queued = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is PortalDbContext db && await QueueAsync(db, ct)) _queued.AddOrUpdate(db, this);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PortalDbContext db && QueueAsync(db, default).GetAwaiter().GetResult()) _queued.AddOrUpdate(db, this);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
        => ValueTask.FromResult(SavedChanges(eventData, result));

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // Inside a caller's transaction (the scheduler) the rows are not visible yet; the poll picks them up then.
        if (eventData.Context is { } db && _queued.Remove(db)) Wake();
        return result;
    }

    /// <summary>Something may be due now (a save queued deliveries, an administrator asked for a redelivery).</summary>
    public void Wake() => _work.Writer.TryWrite(true);

    /// <summary>Waits until woken or until the poll interval has passed on the app's clock.</summary>
    public async Task WaitForWorkAsync(CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(Task.Delay(options.Value.PollInterval, clock, cts.Token), _work.Reader.WaitToReadAsync(cts.Token).AsTask());
        await cts.CancelAsync(); // ends the delay or the wait that lost
        _work.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }

    private async Task<bool> QueueAsync(PortalDbContext db, CancellationToken ct)
    {
        // A save tried again after a failure on the same context must not queue the same event twice.
        var queuedBefore = db.ChangeTracker.Entries<WebhookDelivery>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Publication).ToHashSet();
        var added = db.ChangeTracker.Entries<ContentPublication>().Where(e => e.State == EntityState.Added && !queuedBefore.Contains(e.Entity)).Select(e => e.Entity).ToList();
        if (added.Count == 0) return false;
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(ct);
        if (endpoints.Count == 0) return false;

        var now = clock.GetUtcNow();
        var queued = false;
        foreach (var publication in added)
        {
            var translation = publication.Translation
                ?? db.ContentTranslations.Local.FirstOrDefault(t => t.Id == publication.TranslationId)
                ?? await db.ContentTranslations.AsNoTracking().SingleAsync(t => t.Id == publication.TranslationId, ct);
            // The same rule as the change feed's: what came before this publication decides published or updated.
            PublicationAction? previous = db.Entry(translation).State == EntityState.Added ? null
                : await db.ContentPublications.Where(p => p.TranslationId == translation.Id)
                    .OrderByDescending(p => p.Id).Select(p => (PublicationAction?)p.Action).FirstOrDefaultAsync(ct);
            var action = ChangeFeed.ActionOf(publication.Action, previous);
            foreach (var endpoint in endpoints.Where(e => e.Wants(action, translation.Kind, translation.Culture)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EndpointId = endpoint.Id, Publication = publication, Action = action, Status = WebhookDeliveryStatus.Pending,
                    CreatedAt = now, NextAttemptAt = now, GiveUpAt = now + options.Value.GiveUpAfter,
                });
                queued = true;
            }
        }
        return queued;
    }
}
