using Microsoft.AspNetCore.OutputCaching;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.SupportPoints;

/// <summary>
/// /{culture}/support-points?region=…&amp;language=…&amp;city=…: every support point, narrowed with a plain GET form. The
/// cache varies by those three keys only, and keeps only answers to values that exist (12 regions, the spoken languages,
/// the listed cities), so a made-up query cannot fill it. "Open now / opens at" is computed per request from the clock
/// (Amsterdam time) and a cached copy expires when any point's status next changes: docs/architecture.md (the support-point finder).
/// </summary>
[OutputCache(PolicyName = ReaderCaching.Policy, VaryByQueryKeys = ["city", "region", "language"])]
public sealed class IndexModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public IReadOnlyList<Localized<PublishedText>> Points { get; private set; } = [];
    public IReadOnlyList<string> Cities { get; private set; } = [];
    public IReadOnlyList<string> Regions { get; private set; } = [];
    public string? City { get; private set; }
    public string? Region { get; private set; }
    public string? Language { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyDictionary<string, OpeningStatus> Status { get; private set; } = new Dictionary<string, OpeningStatus>();

    public async Task OnGetAsync(string? city, string? region, string? language, CancellationToken ct)
    {
        // A value no form offers is ignored (all are shown), and that answer is not cached.
        Region = Provinces.IsProvince(region) ? region : null;
        Language = SpokenLanguages.IsKnown(language) ? language : null;
        var read = await SupportPointReading.ListAsync(db, new(city, Region, Language), Culture, SourceCulture, withVersions: false, ct);
        (Cities, Regions, City, Points) = (read.Cities, read.Regions, read.City, read.Points.Items);
        var known = (Region is not null || string.IsNullOrEmpty(region)) && (Language is not null || string.IsNullOrEmpty(language))
            && (City is null || Cities.Contains(City, StringComparer.OrdinalIgnoreCase));
        if (!known && HttpContext.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;

        var now = clock.GetUtcNow();
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, OpeningStatus.Amsterdam).DateTime);
        Status = Points.ToDictionary(p => p.Text.Slug, p => OpeningStatus.At(Fields(p), now));
        ReaderCaching.NotPast(HttpContext, Status.Values.Select(s => s.Changes).Where(c => c is not null).Min(), clock);
        AlternatesForAllCultures(ReaderUrls.SupportPoints);
    }

    public static SupportPointFields Fields(Localized<PublishedText> point) => (SupportPointFields)point.Fields!;

    /// <summary>The schema.org description of the listed points, for the page's JSON-LD block.</summary>
    public string JsonLd(Func<string, string> regionName)
        => SupportPointJsonLd.Build(Points.Select(p => ((IPublishedText)p.Text, Fields(p))),
            HttpContext.PublicOrigin() + ReaderUrls.SupportPoints(Culture), regionName);
}
