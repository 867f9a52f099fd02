using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;
using Portal.Pages;

namespace Portal.Api;

/// <summary>
/// Atom feeds (RFC 4287) of major updates: /{culture}/feed.atom for the whole site, /{culture}/countries/{slug}/feed.atom
/// for one country's guide and safety assessment. One entry per major revision of the source text that readers were
/// shown, titled in the feed's language, with the change note in that language where translated (else the source's,
/// marked xml:lang). Ids are name-based UUIDs, so an entry keeps its id however often the feed is rebuilt.
/// </summary>
public static class AtomFeeds
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const int SiteFeedEntries = 50;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Namespace of this portal's name-based (v5) UUIDs. Fixed for good: a new one would change every feed and entry id.</summary>
    private static readonly Guid IdNamespace = new("5d0c1b7e-3f4a-4c61-9a8e-2b7f0e6d9c15");

    public static IEndpointRouteBuilder MapAtomFeeds(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{culture}/feed.atom", ContentApi.ReadMethods, SiteFeedAsync).AsRead()
            .WithName("GetSiteFeed").WithSummary("Atom feed of the whole site")
            .WithDescription($"The {SiteFeedEntries} latest major updates of every guide, safety assessment, story, support point and page, in one language.")
            .WithFeedConventions();
        app.MapMethods("/{culture}/countries/{slug}/feed.atom", ContentApi.ReadMethods, CountryFeedAsync).AsRead()
            .WithName("GetCountryFeed").WithSummary("Atom feed of one country")
            .WithDescription("Every major update of the country's guide and safety assessment, with its change note.")
            .WithFeedConventions()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static RouteHandlerBuilder WithFeedConventions(this RouteHandlerBuilder builder) => builder
        .WithGroupName(ApiExtensions.DocumentName)
        .WithTags("Feeds")
        .RequireCors(ApiExtensions.CorsPolicy)
        .CacheOutput(ReaderCaching.Policy)
        .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
        .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> SiteFeedAsync(
        [Description("Language code, one of /api/v1/languages. Any other gives 400.")] string culture,
        HttpContext http, PortalDbContext db, PortalCultures cultures, IStringLocalizer<ReaderPageModel> t, TimeProvider clock, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return ContentApi.UnknownCulture(culture, cultures);
        var source = cultures.Source;
        var texts = await db.ContentTranslations.Published().InCulture(culture, source).SelectSummary().ToListAsync(ct);
        var majors = await ChangeHistory.PublishedMajorsAsync(db, null, culture, source, ct);
        var entries = Entries(texts, majors, culture, source, clock, t).Take(SiteFeedEntries).ToList();
        var site = t["site.name"].Value;
        return Feed(http, culture, NameBasedId($"feed:{culture}"), site, site, ReaderUrls.SiteFeed(culture), ReaderUrls.Home(culture), entries, texts);
    }

    private static async Task<IResult> CountryFeedAsync(
        [Description("Language code, one of /api/v1/languages. Any other gives 400.")] string culture,
        [Description("The country guide's slug in the requested language or in the source language (nl).")] string slug,
        HttpContext http, PortalDbContext db, PortalCultures cultures, IStringLocalizer<ReaderPageModel> t, TimeProvider clock, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return ContentApi.UnknownCulture(culture, cultures);
        var source = cultures.Source;
        var versions = await db.ContentTranslations.Published()
            .OfItemWithSlug(ContentKind.CountryGuide, slug, culture, source).SelectLink().ToListAsync(ct);
        if (versions.Count == 0) // a renamed country's feed moves with it, so subscribers keep getting its updates
            return await OldAddress.FindAsync(db, ContentKind.CountryGuide, slug, culture, source, ct) switch
            {
                { Retired: true } => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"The country '{slug}' has been taken off this portal."),
                { Slug: { } moved } => TypedResults.Redirect(ReaderUrls.CountryFeed(culture, moved), permanent: true),
                _ => ContentApi.NotFound("country", slug, culture),
            };
        var country = versions[0].CountryCode;
        var texts = await db.ContentTranslations.Published().InCulture(culture, source)
            .Where(x => x.Item.CountryCode == country && (x.Kind == ContentKind.CountryGuide || x.Kind == ContentKind.SafetyAssessment))
            .SelectSummary().ToListAsync(ct);
        var majors = await ChangeHistory.PublishedMajorsAsync(db, texts.Select(x => x.ItemId).Distinct().ToList(), culture, source, ct);

        var guide = Localized.Pick(texts, versions[0].ItemId, culture, source)!;
        var guideSlug = versions.FirstOrDefault(v => v.Culture == culture)?.Slug ?? guide.Text.Slug;
        var entries = Entries(texts, majors, culture, source, clock, t).ToList();
        return Feed(http, culture, NameBasedId($"feed:{culture}:country:{guide.Text.Key}"), $"{guide.Text.Title} – {t["site.name"].Value}", t["site.name"].Value,
            ReaderUrls.CountryFeed(culture, guideSlug), ReaderUrls.Country(culture, guideSlug), entries, texts);
    }

    /// <param name="Levels">For a safety assessment: the levels readers see now, in the feed's language.</param>
    private sealed record FeedEntry(
        Guid Id, ContentKind Kind, string Title, string TitleCulture, string Note, string NoteCulture, string? Levels, string Path,
        DateTimeOffset Published, DateTimeOffset Updated);

    /// <summary>Entries for the items readers can see now (a withdrawn item or a story whose consent expired has none), newest first.</summary>
    private static IEnumerable<FeedEntry> Entries(IReadOnlyCollection<PublishedSummary> texts, IReadOnlyCollection<ChangeHistory.MajorRevision> majors,
        string culture, string source, TimeProvider clock, IStringLocalizer t)
    {
        var today = StoryRules.Today(clock);
        var items = Localized.PickAll(texts, culture, source).ToDictionary(x => x.Text.ItemId);
        var guides = items.Values.Where(x => x.Text.Kind == ContentKind.CountryGuide).GroupBy(x => x.Text.Key).ToDictionary(g => g.Key, g => g.First());
        var entries = new List<FeedEntry>();
        var withLevels = new HashSet<int>();
        foreach (var change in ChangeHistory.Build(majors, culture, source))
        {
            if (!items.TryGetValue(change.ItemId, out var item)) continue;
            var text = item.Text;
            if (text.Kind == ContentKind.Story && !StoryRules.IsVisible(item.Fields, today)) continue;
            string path;
            string? levels = null;
            if (text.Kind == ContentKind.SafetyAssessment)
            {
                if (item.Fields is not SafetyFields f || !guides.TryGetValue(f.GuideKey, out var guide)) continue;
                path = ReaderUrls.Safety(culture, guide.Text.Slug);
                // Only the newest entry of an assessment states the levels: an older one would show today's under an old note.
                if (withLevels.Add(text.ItemId))
                    levels = string.Join(" · ", ContentFacts.DimensionNames.Select(n => $"{t["safety." + n].Value}: {t[f.Get(n).Level.LocaleKey()].Value}"));
            }
            else
            {
                path = ReaderUrls.For(text.Kind, culture, text.Slug);
            }
            var day = new DateTimeOffset(change.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries.Add(new FeedEntry(
                NameBasedId($"entry:{culture}:{text.Kind.ToKebab()}:{text.Key}:{change.Number}"), text.Kind,
                text.Title, text.Culture, change.Note, change.NoteCulture, levels, path, change.Published ?? day, change.Updated ?? day));
        }
        return entries.OrderByDescending(e => e.Updated).ThenByDescending(e => e.Published).ThenBy(e => e.Path, StringComparer.Ordinal);
    }

    private static Cacheable Feed(HttpContext http, string culture, Guid id, string title, string author, string selfPath, string alternatePath,
        IReadOnlyList<FeedEntry> entries, IEnumerable<IPublishedText> texts)
    {
        var origin = http.PublicOrigin();
        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : DateTimeOffset.UnixEpoch;
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", culture),
            new XElement(Atom + "id", Urn(id)),
            new XElement(Atom + "title", ControlCharacters.Strip(title)),
            new XElement(Atom + "updated", Timestamp(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", author)),
            Link("self", "application/atom+xml", origin + selfPath),
            Link("alternate", "text/html", origin + alternatePath),
            entries.Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", Urn(e.Id)),
                Text("title", e.Title, e.TitleCulture, culture),
                new XElement(Atom + "published", Timestamp(e.Published)),
                new XElement(Atom + "updated", Timestamp(e.Updated)),
                Link("alternate", "text/html", origin + e.Path),
                new XElement(Atom + "category", new XAttribute("term", e.Kind.ToKebab())),
                e.Levels is null ? null : Text("summary", e.Levels, culture, culture),
                Text("content", e.Note, e.NoteCulture, culture))));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Save(writer);

        // A title can change without a new major revision (a minor fix): Last-Modified follows every publication.
        var newest = texts.Max(x => x.PublishedAt);
        return new Cacheable(stream.ToArray(), ContentType, newest > updated ? newest : updated);
    }

    private static XElement Link(string rel, string type, string href)
        => new(Atom + "link", new XAttribute("rel", rel), new XAttribute("type", type), new XAttribute("href", href));

    /// <summary>
    /// A text construct, with xml:lang when it is in another language than the feed (the source text as a fallback);
    /// without control characters, which XML cannot carry, should a stored text have any.
    /// </summary>
    private static XElement Text(string name, string value, string valueCulture, string feedCulture)
        => new(Atom + name, new XAttribute("type", "text"),
            valueCulture == feedCulture ? null : new XAttribute(XNamespace.Xml + "lang", valueCulture),
            ControlCharacters.Strip(value));

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Urn(Guid id) => "urn:uuid:" + id.ToString("D");

    /// <summary>RFC 9562 name-based UUID (version 5): the same name always gives the same id.</summary>
    internal static Guid NameBasedId(string name)
    {
        Span<byte> ns = stackalloc byte[16];
        IdNamespace.TryWriteBytes(ns, bigEndian: true, out _);
#pragma warning disable CA5350 // SHA-1 is what version 5 is defined with; it names, it does not protect anything.
        var hash = SHA1.HashData([.. ns, .. Encoding.UTF8.GetBytes(name)]);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
