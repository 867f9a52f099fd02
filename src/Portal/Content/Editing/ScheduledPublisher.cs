using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Content.Search;
using Portal.Notices;

namespace Portal.Content.Editing;

/// <summary>
/// Every 30 seconds (on the app's TimeProvider, so tests can move time): publishes scheduled revisions that are due
/// (a safety-level change only once approved), unpublishes stories whose consent has expired, and, for the other web
/// nodes behind a load balancer, refreshes the emergency notice and evicts this node's reader cache when another node
/// published something. State lives in the database: a restart loses nothing.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ScheduledPublisher> log) : BackgroundService
{
    private long? _lastPublicationSeen;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>The first run waits a little, so its queries do not compete with a cold start's first requests.</summary>
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Portal:Scheduler:Enabled=false turns the loop off (tests drive RunOnceAsync themselves); the default is on.
        if (!configuration.GetValue("Portal:Scheduler:Enabled", true)) return;
        await Task.Delay(FirstRunDelay, clock, stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Scheduled publishing failed; retrying at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<EditingContext>();
        var now = ctx.Now;
        var done = 0;

        var due = await ctx.Db.ScheduledPublications.Include(s => s.Revision).Pending()
            .Where(s => s.DueAt <= now)
            .OrderBy(s => s.DueAt).ToListAsync(ct);
        foreach (var s in due)
        {
            var translation = (await ctx.FindAsync(s.TranslationId, ct))!;
            // No consent on record for it, or an image without its alt text: not published until that is put right.
            if (await Publish.GoLiveProblemAsync(ctx, translation, s.Revision, ct) is not null) continue;
            if (await Publish.CheckTwoPersonRuleAsync(ctx, translation, s.Revision, ct) is not null) continue; // waits for its approval

            // Several web nodes run this loop on one database: a conditional UPDATE claims the row, so exactly one node
            // publishes it (the other's UPDATE waits for the row lock, then matches nothing). Claim and publish commit together.
            await using var tx = await ctx.Db.Database.BeginTransactionAsync(ct);
            var claimed = await ctx.Db.ScheduledPublications.Pending()
                .Where(p => p.Id == s.Id)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.PublishedAt, now), ct);
            if (claimed == 0) continue; // (the tracked row keeps its old PublishedAt: the claim wrote it, SaveChanges must not)
            if (!await TrySaveAsync(() => Publish.PublishAsync(ctx, translation, s.Revision, "system", AuditActions.ScheduledPublish, ct))) continue;
            await tx.CommitAsync(ct);
            done++;
        }

        var today = ctx.Today;
        var stories = await ctx.Db.ContentTranslations.Include(t => t.Item).Include(t => t.PublishedRevision)
            .Where(t => t.Kind == ContentKind.Story && t.PublishedRevisionId != null).ToListAsync(ct);
        foreach (var t in stories.Where(t => !StoryRules.IsVisible(t.PublishedRevision!.Fields, today)))
        {
            // Another node may unpublish the same story at the same moment: the translation's Version token lets one win.
            if (await TrySaveAsync(() => Unpublish.UnpublishAsync(ctx, t, "system", "consent expired", ct))) done++;
        }

        var noticeChanged = await scope.ServiceProvider.GetRequiredService<SiteNoticeState>().RefreshAsync(ctx.Db, ct);
        var latest = await ctx.Db.ContentPublications.MaxAsync(p => (long?)p.Id, ct);
        // done > 0: this node's own publishes evicted its cache inside their transaction, before the commit; a reader
        // request in between could have cached the old page again, so evict once more now that everything is committed.
        // Only the countries of what was published or withdrawn since the last tick, unless the notice changed (on every page).
        if (done > 0 || noticeChanged || (_lastPublicationSeen is not null && latest != _lastPublicationSeen))
        {
            var since = _lastPublicationSeen ?? 0;
            var tags = noticeChanged || _lastPublicationSeen is null
                ? [ContentCacheTags.Reader]
                : (await ctx.Db.ContentPublications.Where(p => p.Id > since).Select(p => p.Translation.Item.CountryCode).Distinct().ToListAsync(ct))
                    .SelectMany(code => ContentCacheTags.Of(code, "", onlyThisCulture: false)).Distinct().ToArray();
            scope.ServiceProvider.GetRequiredService<ReaderLastModified>().Changed();
            var cache = scope.ServiceProvider.GetRequiredService<IOutputCacheStore>();
            foreach (var tag in tags) await cache.EvictByTagAsync(tag, ct);
            scope.ServiceProvider.GetRequiredService<SearchIndexer>().RequestRebuild();
        }
        _lastPublicationSeen = latest;
        return done;

        async Task<bool> TrySaveAsync(Func<Task> save)
        {
            try
            {
                await save();
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                ctx.Db.ChangeTracker.Clear(); // someone else changed this translation first; the next tick sees their state
                return false;
            }
        }
    }
}
