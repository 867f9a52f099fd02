using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Content.Search;

/// <summary>
/// Builds <see cref="SearchIndex"/> from what is published: once the database step of a start is over, and again after
/// every change readers can see (<see cref="ReaderCache"/> on this node, <see cref="ReaderCacheListener"/> for the other
/// nodes on PostgreSQL, the scheduler's tick for other processes on one SQLite file). Requests that arrive while a
/// build runs fold into one more build. One language at a time, each swapped in when done, so memory holds at most one
/// language twice.
/// </summary>
public sealed partial class SearchIndexer(
    IServiceScopeFactory scopes, SearchIndex index, PortalOptions options, TimeProvider clock, IConfiguration configuration, ILogger<SearchIndexer> log)
    : BackgroundService
{
    /// <summary>Off in the tests' shared process, where one portal's start is not the process's.</summary>
    private readonly bool _releaseStartPages = configuration.GetValue("Portal:Memory:ReleaseStartPages", true);

    /// <summary>Publishes come in bursts (an import, a safety change in six languages) and the last may still be committing.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void RequestRebuild() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            await Task.Delay(Settle, stoppingToken);
            _requests.Reader.TryRead(out _); // a request during the pause is covered by this build
            try
            {
                await RebuildAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Building the search index failed; the previous index stays in use");
            }
        }
    }

    private async Task RebuildAsync(CancellationToken ct)
    {
        var first = !index.IsReady;
        // The first build follows the database step, the rest of a start: what only that ran can go before the build.
        if (first) ReleaseStartPages();
        var started = TimeProvider.System.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sourceCulture = options.SourceCulture;

        // Every language's titles of every item: the names it is found by in any script.
        var titles = await db.ContentTranslations.Published().AsNoTracking()
            .Select(t => new { t.ContentItemId, t.PublishedRevision!.Title }).ToListAsync(ct);
        var names = titles.GroupBy(t => t.ContentItemId).ToDictionary(g => g.Key, g => string.Join("\n", g.Select(t => t.Title)));

        var source = await ReadAsync(db, sourceCulture, ct);
        long bytes = 0;
        foreach (var culture in options.Cultures)
        {
            var own = culture == sourceCulture ? source : await ReadAsync(db, culture, ct);
            var documents = DocumentsAsync(db, culture, sourceCulture, own, source, names, today, ct);
            var built = await CultureIndex.BuildAsync(culture, sourceCulture, documents, index.NewBuildFolder(culture), ct);
            index.Replace(culture, built);
            bytes += built.Bytes;
            // A language's build leaves tens of MB of garbage in gen2 (the rows read, the writer's buffers), which a
            // collection the GC would choose comes to late: at 1,000 countries the process grew by 60 MB over six
            // languages. Collected and decommitted here, each language's build starts from the same size
            // (docs/decisions/0010). A build follows a start or a publish, so the pause is rare.
            if (index.CollectAfterBuild) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        index.MarkReady();
        LogBuilt(log, source.Count, bytes / 1024, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        if (first) ReleaseStartPages(); // and what only the first build ran (the next builds run it again: rarely)
    }

    private void ReleaseStartPages()
    {
        if (_releaseStartPages && StartPages.Release() is { } released) LogReleased(log, released.BeforeKiB / 1024, released.AfterKiB / 1024);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start over: file-backed memory released from {BeforeMiB} MiB to {AfterMiB} MiB")]
    private static partial void LogReleased(ILogger logger, long beforeMiB, long afterMiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index built: {Items} items per language, {KiB} KiB on disk, in {ElapsedMs:0} ms")]
    private static partial void LogBuilt(ILogger logger, int items, long kib, double elapsedMs);

    /// <summary>A published text without its body (bodies are streamed in as each document is added: at 1,000 countries
    /// two languages' bodies held for a build were most of its memory).</summary>
    private sealed record Row(int ItemId, ContentKind Kind, string Key, string? CountryCode, string Culture, string Slug, string Title, string Summary, ContentFields? Fields);

    private static async Task<Dictionary<int, Row>> ReadAsync(PortalDbContext db, string culture, CancellationToken ct)
    {
        var rows = new Dictionary<int, Row>();
        var query = db.ContentTranslations.Published().AsNoTracking().Where(t => t.Culture == culture)
            .Select(t => new { t.ContentItemId, t.Kind, t.Item.Key, t.Item.CountryCode, t.Slug, t.PublishedRevision!.Title, t.PublishedRevision.Summary, t.PublishedRevision.Fields });
        await foreach (var t in query.AsAsyncEnumerable().WithCancellation(ct))
            rows[t.ContentItemId] = new Row(t.ContentItemId, t.Kind, t.Key, t.CountryCode, culture, t.Slug, t.Title, t.Summary, t.Fields);
        return rows;
    }

    /// <summary>One language's published bodies as they stream in, keyed by item.</summary>
    private static ConfiguredCancelableAsyncEnumerable<(int ItemId, string BodyHtml)> BodiesAsync(PortalDbContext db, string culture, CancellationToken ct)
        => db.ContentTranslations.Published().AsNoTracking().Where(t => t.Culture == culture)
            .Select(t => new ValueTuple<int, string>(t.ContentItemId, t.PublishedRevision!.BodyHtml)).AsAsyncEnumerable().WithCancellation(ct);

    private sealed record Entry(Row Text, bool IsFallback, string Url, string Names);

    /// <summary>What a reader of <paramref name="culture"/> can find: each item in their language, else the source text.</summary>
    private static async IAsyncEnumerable<SearchDocument> DocumentsAsync(PortalDbContext db, string culture, string sourceCulture,
        Dictionary<int, Row> own, Dictionary<int, Row> source, Dictionary<int, string> names, DateOnly today,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var entries = Entries(culture, own, source, names, today);
        await foreach (var (id, html) in BodiesAsync(db, culture, ct))
            if (entries.TryGetValue(id, out var e) && !e.IsFallback) yield return Document(e, html);
        if (culture == sourceCulture || !entries.Values.Any(e => e.IsFallback)) yield break;
        await foreach (var (id, html) in BodiesAsync(db, sourceCulture, ct))
            if (entries.TryGetValue(id, out var e) && e.IsFallback) yield return Document(e, html);
    }

    private static SearchDocument Document(Entry e, string bodyHtml)
        => new(e.Text.Kind, e.Url, e.Text.Culture, e.IsFallback, e.Text.Title, e.Text.Summary, PlainText(bodyHtml), e.Names);

    private static Dictionary<int, Entry> Entries(
        string culture, Dictionary<int, Row> own, Dictionary<int, Row> source, Dictionary<int, string> names, DateOnly today)
    {
        var entries = new Dictionary<int, Entry>();
        var guides = own.Values.Concat(source.Values).Where(r => r.Kind == ContentKind.CountryGuide)
            .GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First().Slug); // the reader's slug first
        foreach (var id in own.Keys.Union(source.Keys))
        {
            var fallback = !own.TryGetValue(id, out var text);
            text ??= source[id];
            var facts = source.TryGetValue(id, out var s) ? s.Fields : text.Fields; // language-independent fields follow the source
            if (text.Kind == ContentKind.Story && !StoryRules.IsVisible(facts, today)) continue;

            string url;
            if (text.Kind == ContentKind.SafetyAssessment)
            {
                if (facts is not SafetyFields sf || !guides.TryGetValue(sf.GuideKey, out var guideSlug)) continue; // no page without its guide
                url = ReaderUrls.Safety(culture, guideSlug);
            }
            else url = ReaderUrls.For(text.Kind, culture, text.Slug);

            var city = facts is SupportPointFields sp ? PlaceNames.Of(sp.City) : [];
            var itemNames = string.Join("\n", city.Prepend(text.CountryCode ?? "").Prepend(names.GetValueOrDefault(id, "")));
            entries[id] = new Entry(text, fallback, url, itemNames);
        }
        return entries;
    }

    /// <summary>Words without markup: a block's edge is a space, an inline tag nothing ("<a>…</a>." stays one word and its stop).</summary>
    internal static string PlainText(string html)
        => WebUtility.HtmlDecode(Whitespace().Replace(Tag().Replace(BlockEdge().Replace(html, " "), ""), " ")).Trim();

    [GeneratedRegex(@"</?(?:p|li|ul|ol|h[1-6]|div|br|hr|table|tr|td|th|blockquote|pre|dt|dd|dl)\b[^>]*>")]
    private static partial Regex BlockEdge();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
