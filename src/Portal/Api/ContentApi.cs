using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Content.Markdown;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;
using Portal.Media;

namespace Portal.Api;

/// <summary>
/// The delivery API: /api/v1, read-only, published content only, in the language of the URL with fallback to the source
/// text (said so in each item's "language"). Each handler maps what its kind's read in Content/Reading returns, the
/// same read as the reader page's, so a country is two SQL commands on a cache miss. Responses are output-cached with
/// the reader pages (a publish evicts both) and carry validators through <see cref="CacheableFilter"/>.
/// </summary>
public static class ContentApi
{
    private const string CultureDoc = "Language code, one of /api/v1/languages (nl, en, fr, ar, fa, ckb). Any other gives 400.";
    private const string SlugDoc = "The item's slug in the requested language or in the source language (nl).";

    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiUrls.Base)
            .WithGroupName(ApiExtensions.DocumentName)
            .RequireCors(ApiExtensions.CorsPolicy)
            .CacheOutput(ReaderCaching.Policy)
            .AddEndpointFilter<CacheableFilter>();

        api.MapMethods("/languages", ReadMethods, GetLanguages).AsRead().WithTags("Languages").WithName("ListLanguages")
            .WithSummary("Languages").WithDescription("Every language content is published in, with the source language every translation falls back to.");

        var content = api.MapGroup("/{culture}");
        content.MapMethods("/countries", ReadMethods, ListCountriesAsync).AsValidatedRead().WithTags("Countries").WithName("ListCountries")
            .WithSummary("Countries").WithDescription("Every country guide, in the requested language where translated.");
        content.MapMethods("/countries/{slug}", ReadMethods, GetCountryAsync).AsItemRead().WithTags("Countries").WithName("GetCountry")
            .WithSummary("A country guide").WithDescription("The guide in sections, its sources, the safety summary and the returnees' stories of the country.");
        content.MapMethods("/countries/{slug}/safety", ReadMethods, GetSafetyAsync).AsItemRead().WithTags("Safety").WithName("GetSafetyAssessment")
            .WithSummary("A country's safety assessment").WithDescription("The assessment on its three dimensions and the history of its major updates with their change notes.");
        content.MapMethods("/support-points", ReadMethods, ListSupportPointsAsync).AsValidatedRead().WithTags("Support points").WithName("ListSupportPoints")
            .WithSummary("Support points").WithDescription("Every return support point, optionally in one city only.");
        content.MapMethods("/support-points/{slug}", ReadMethods, GetSupportPointAsync).AsItemRead().WithTags("Support points").WithName("GetSupportPoint")
            .WithSummary("A support point");
        content.MapMethods("/stories", ReadMethods, ListStoriesAsync).AsValidatedRead().WithTags("Stories").WithName("ListStories")
            .WithSummary("Returnees' stories").WithDescription("Only stories whose consent is recorded and has not expired.");
        content.MapMethods("/stories/{slug}", ReadMethods, GetStoryAsync).AsItemRead().WithTags("Stories").WithName("GetStory")
            .WithSummary("A returnee's story");
        content.MapMethods("/pages", ReadMethods, ListPagesAsync).AsValidatedRead().WithTags("Pages").WithName("ListPages")
            .WithSummary("Information pages").WithDescription("About the programme, principles, options, partners, privacy, contact.");
        content.MapMethods("/pages/{slug}", ReadMethods, GetPageAsync).AsItemRead().WithTags("Pages").WithName("GetPage")
            .WithSummary("An information page");

        api.MapChangeFeed();

        // Anything else under /api/v1 gets problem details too, not the reader site's HTML 404 page.
        // A RequestDelegate, not a Delegate: see the management API's fallback (aspnetcore#65992).
        api.MapFallback("{*path}", http => UnknownEndpoint(http).ExecuteAsync(http)).ExcludeFromDescription();

        app.MapAtomFeeds();
        app.MapApiDocumentation();
        return app;
    }

    /// <summary>
    /// Reads answer GET, and HEAD for link checkers and mirrors (the OpenAPI document lists the GET). Each call site maps
    /// its handler itself (`MapMethods(pattern, ReadMethods, Handler)`), so that the request delegate generator writes
    /// the endpoint at compile time: a helper taking a Delegate would leave the reflection to every cold start.
    /// </summary>
    internal static readonly string[] ReadMethods = ReaderMethods.Read;

    /// <summary>A read: 304 when If-None-Match holds.</summary>
    internal static RouteHandlerBuilder AsRead(this RouteHandlerBuilder builder) => builder.Produces(StatusCodes.Status304NotModified);

    /// <summary>A read with a {culture} (or another parameter) that may be refused with 400.</summary>
    private static RouteHandlerBuilder AsValidatedRead(this RouteHandlerBuilder builder) => builder.AsRead().ProducesProblem(StatusCodes.Status400BadRequest);

    internal static ProblemHttpResult UnknownCulture(string culture, PortalCultures cultures)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Unknown language",
            detail: $"'{culture}' is not a language of this portal. Use one of: {string.Join(", ", cultures.Names)}.",
            extensions: new Dictionary<string, object?> { ["languages"] = cultures.Names });

    /// <summary>
    /// A slug that found nothing, as on the reader pages (<see cref="OldAddress"/>): 301 to the item's address now after a
    /// rename, 410 for a retired item, else 404.
    /// </summary>
    private static async Task<Results<Ok<T>, RedirectHttpResult, ProblemHttpResult>> MissingAsync<T>(PortalDbContext db, ContentKind kind,
        string slug, string culture, string sourceCulture, string what, Func<string, string, string> url, CancellationToken ct)
        => await OldAddress.FindAsync(db, kind, slug, culture, sourceCulture, ct) switch
        {
            { Retired: true } => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone",
                detail: $"The {what} '{slug}' has been taken off this portal in every language."),
            { Slug: { } moved } => TypedResults.Redirect(url(culture, moved), permanent: true),
            _ => NotFound(what, slug, culture),
        };

    /// <summary>The answers of an item's address besides the item: renamed (301), unknown (404), retired (410).</summary>
    private static RouteHandlerBuilder AsItemRead(this RouteHandlerBuilder builder) => builder.AsValidatedRead()
        .Produces(StatusCodes.Status301MovedPermanently)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status410Gone);

    private static ProblemHttpResult UnknownFilter(string name, string value, IReadOnlyList<string> known)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Unknown {name}",
            detail: $"'{(value.Length > 20 ? value[..20] : value)}' is no {name} here. Use one of: {string.Join(", ", known)}.");

    internal static ProblemHttpResult NotFound(string what, string slug, string culture)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"There is no published {what} '{slug}' in '{culture}' or in the source language.");

    private static ProblemHttpResult UnknownEndpoint(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such endpoint", detail: "The endpoints are listed at /api and in /openapi/v1.json.");
        http.Response.Headers.Allow = "GET, HEAD";
        return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Read-only", detail: "The delivery API only answers GET and HEAD.");
    }

    private static Ok<LanguageListDto> GetLanguages(PortalCultures cultures)
        => TypedResults.Ok(new LanguageListDto(cultures.Source, cultures.All.Select(c => new LanguageDto(
            c.Name, PortalCultures.NativeName(c), c.EnglishName, PortalCultures.Direction(c), c.Name == cultures.Source,
            new LanguageLinksDto(ApiUrls.Countries(c.Name), ReaderUrls.Home(c.Name), ReaderUrls.SiteFeed(c.Name)))).ToList()));

    private static async Task<Results<Ok<CountryListDto>, ProblemHttpResult>> ListCountriesAsync(
        [Description(CultureDoc)] string culture, [Description(ListPaging.LimitDoc)] string? limit, [Description(ListPaging.NextDoc)] string? next,
        PortalDbContext db, PortalCultures cultures, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        if (!ListPaging.TryRead(limit, next, out var paging, out var refused)) return refused!;
        var read = await CountryReading.ListAsync(db, culture, cultures.Source, ct);
        var (page, after) = ListPaging.Take(read.Items, paging, g => g.Text.Key);
        var items = page.Select(g => new CountrySummaryDto(
                g.Text.Key, g.Text.CountryCode ?? "", SlugIn(culture, read.VersionsOf(g), g.Text.Slug), g.Text.Title, g.Text.Summary,
                g.Text.UpdatedOn, Status(g, culture), Links(culture, g.Text.Slug, read.VersionsOf(g), cultures, ApiUrls.Country, ReaderUrls.Country)))
            .ToList();
        return TypedResults.Ok(new CountryListDto(culture, items, after, after is not null, read.Newest));
    }

    private static async Task<Results<Ok<CountryDto>, RedirectHttpResult, ProblemHttpResult>> GetCountryAsync(
        [Description(CultureDoc)] string culture, [Description(SlugDoc)] string slug,
        HttpContext http, PortalDbContext db, PortalCultures cultures, TimeProvider clock, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        var today = StoryRules.Today(clock);
        if (await CountryReading.GuideAsync(db, slug, culture, cultures.Source, today, ct) is not { } read) return await MissingAsync<CountryDto>(db, ContentKind.CountryGuide, slug, culture, cultures.Source, "country", ApiUrls.Country, ct);
        ReaderCaching.ShowsCountry(http, read.Versions[0].CountryCode, culture);

        var guide = read.Text;
        var guideSlug = SlugIn(culture, read.Versions, guide.Text.Slug);
        var fields = guide.Fields as CountryGuideFields;
        var (intro, sections) = Sections(guide.Text.BodyHtml, guide.Text.Outline);

        SafetySummaryDto? safetyDto = null;
        if (read.Safety is { Fields: SafetyFields sf } safety)
        {
            var dims = ContentFacts.SafetyDimensions(safety).ToDictionary(d => d.Name, d => new SafetyDimensionSummaryDto(d.Level, d.Summary, d.Culture, d.WordingPending));
            safetyDto = new SafetySummaryDto(safety.Text.Title, sf.Effective, sf.NextReview, safety.Text.UpdatedOn,
                dims["legal"], dims["physical"], dims["material"],
                Status(safety, culture), new RefLinksDto(ApiUrls.Safety(culture, guideSlug), ReaderUrls.Safety(culture, guideSlug)));
        }
        var stories = read.Stories
            .Select(s => new StoryRefDto(s.Text.Key, s.Text.Slug, s.Text.Title, s.Text.Summary, s.Text.UpdatedOn, Status(s, culture),
                new RefLinksDto(ApiUrls.Story(culture, s.Text.Slug), ReaderUrls.Story(culture, s.Text.Slug))))
            .ToList();
        var latest = read.Latest is { } l ? new LatestUpdateDto(l.Kind.ToKebab(), l.Date, l.Note, l.NoteCulture) : null;
        var media = await MediaAsync(db, [guide.Text.BodyHtml], culture, cultures.Source, ct);

        return TypedResults.Ok(new CountryDto(
            guide.Text.Key, guide.Text.CountryCode ?? "", guideSlug, guide.Text.Title, guide.Text.Summary,
            guide.Text.UpdatedOn, (guide.Source ?? guide.Text).ReviewedOn, fields?.NextReview, Status(guide, culture),
            intro, sections, Sources(fields?.Sources), latest, safetyDto, stories, Media(guide.Text.BodyHtml, media, culture, http),
            Links(culture, guide.Text.Slug, read.Versions, cultures, ApiUrls.Country, ReaderUrls.Country),
            read.Newest));
    }

    private static async Task<Results<Ok<SafetyDto>, RedirectHttpResult, ProblemHttpResult>> GetSafetyAsync(
        [Description(CultureDoc)] string culture, [Description("The country guide's slug in the requested language or in the source language (nl).")] string slug,
        HttpContext http, PortalDbContext db, PortalCultures cultures, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        var source = cultures.Source;
        if (await CountryReading.SafetyAsync(db, slug, culture, source, ct) is not { } read) return await MissingAsync<SafetyDto>(db, ContentKind.CountryGuide, slug, culture, source, "safety assessment for", ApiUrls.Safety, ct);
        ReaderCaching.ShowsCountry(http, read.GuideVersions[0].CountryCode, culture);
        var assessment = read.Assessment;
        var f = (SafetyFields)assessment.Fields!;
        var history = read.History.Where(e => e.Kind == ContentKind.SafetyAssessment).Select(e => new SafetyChangeDto(e.Date, e.Note, e.NoteCulture)).ToList();
        var dims = ContentFacts.SafetyDimensions(assessment).ToDictionary(d => d.Name, d => new SafetyDimensionDto(d.Level, d.Summary, d.Explanation, d.Culture, d.WordingPending));

        var guideSlugs = read.GuideVersions.ToDictionary(v => v.Culture, v => v.Slug);
        string GuideSlug(string c) => guideSlugs.TryGetValue(c, out var s) ? s : guideSlugs.GetValueOrDefault(source, slug);
        var alternates = read.AssessmentCultures.OrderBy(c => Order(cultures, c))
            .Select(c => new AlternateDto(c, ApiUrls.Safety(c, GuideSlug(c)), ReaderUrls.Safety(c, GuideSlug(c)))).ToList();
        var a = assessment.Text;
        var media = await MediaAsync(db, [a.BodyHtml], culture, source, ct);
        return TypedResults.Ok(new SafetyDto(
            a.Key, a.CountryCode ?? "", a.Title, a.Summary, a.UpdatedOn, (assessment.Source ?? a).ReviewedOn, f.Effective, f.NextReview,
            dims["legal"], dims["physical"], dims["material"], a.BodyHtml, Sources(f.Sources), history,
            new CountryRefDto(GuideSlug(culture), read.Guide.Text.Title, new RefLinksDto(ApiUrls.Country(culture, GuideSlug(culture)), ReaderUrls.Country(culture, GuideSlug(culture)))),
            Status(assessment, culture), Media(a.BodyHtml, media, culture, http),
            new LinksDto(ApiUrls.Safety(culture, GuideSlug(culture)), ReaderUrls.Safety(culture, GuideSlug(culture)), alternates),
            read.Newest));
    }

    private static async Task<Results<Ok<SupportPointListDto>, ProblemHttpResult>> ListSupportPointsAsync(
        [Description(CultureDoc)] string culture, [Description("Only the support points in this city (not case-sensitive), e.g. Leiden.")] string? city,
        [Description("Only the support points in this province, e.g. zuid-holland.")] string? region,
        [Description("Only the support points that speak this language (BCP 47 code, e.g. ar), and those whose languages are not known.")] string? language,
        [Description(ListPaging.LimitDoc)] string? limit, [Description(ListPaging.NextDoc)] string? next,
        PortalDbContext db, PortalCultures cultures, HttpContext http, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        if (!string.IsNullOrEmpty(region) && !Provinces.IsProvince(region)) return UnknownFilter("region", region, Provinces.All);
        if (!string.IsNullOrEmpty(language) && !SpokenLanguages.IsKnown(language)) return UnknownFilter("language", language, SpokenLanguages.All);
        if (!ListPaging.TryRead(limit, next, out var paging, out var refused)) return refused!;
        var filter = new SupportPointReading.Filter(city, NullIfEmpty(region), NullIfEmpty(language));
        var read = await SupportPointReading.ListAsync(db, filter, culture, cultures.Source, withVersions: true, ct);
        var (page, after) = ListPaging.Take(read.Points.Items, paging, p => p.Text.Key);
        var media = await MediaAsync(db, page.Select(p => p.Text.BodyHtml), culture, cultures.Source, ct); // one query for the whole page, none without images
        var points = page.Select(p => SupportPoint(p, culture, read.Points.VersionsOf(p), cultures, Media(p.Text.BodyHtml, media, culture, http))).ToList();
        return TypedResults.Ok(new SupportPointListDto(culture, read.City, read.Cities, filter.Region, read.Regions, filter.Language, points,
            after, after is not null, read.Points.Newest));

        static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
    }

    private static async Task<Results<Ok<SupportPointDto>, RedirectHttpResult, ProblemHttpResult>> GetSupportPointAsync(
        [Description(CultureDoc)] string culture, [Description(SlugDoc)] string slug, PortalDbContext db, PortalCultures cultures, HttpContext http, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        if (await SupportPointReading.PointAsync(db, slug, culture, cultures.Source, ct) is not { } read) return await MissingAsync<SupportPointDto>(db, ContentKind.SupportPoint, slug, culture, cultures.Source, "support point", ApiUrls.SupportPoint, ct);
        var media = await MediaAsync(db, [read.Text.Text.BodyHtml], culture, cultures.Source, ct);
        return TypedResults.Ok(SupportPoint(read.Text, culture, read.Versions, cultures, Media(read.Text.Text.BodyHtml, media, culture, http)));
    }

    private static async Task<Results<Ok<StoryListDto>, ProblemHttpResult>> ListStoriesAsync(
        [Description(CultureDoc)] string culture, [Description(ListPaging.LimitDoc)] string? limit, [Description(ListPaging.NextDoc)] string? next,
        PortalDbContext db, PortalCultures cultures, TimeProvider clock, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        if (!ListPaging.TryRead(limit, next, out var paging, out var refused)) return refused!;
        var today = StoryRules.Today(clock);
        var read = await StoryReading.ListAsync(db, culture, cultures.Source, today, ct);
        var (page, after) = ListPaging.Take(read.Items, paging, s => s.Text.Key);
        var items = page.Select(s =>
            {
                var f = (StoryFields)s.Fields!;
                return new StorySummaryDto(s.Text.Key, SlugIn(culture, read.VersionsOf(s), s.Text.Slug), f.CountryCode, f.Name, f.Age, s.Text.Title, s.Text.Summary,
                    s.Text.UpdatedOn, Status(s, culture), Links(culture, s.Text.Slug, read.VersionsOf(s), cultures, ApiUrls.Story, ReaderUrls.Story));
            }).ToList();
        return TypedResults.Ok(new StoryListDto(culture, items, after, after is not null, read.Newest));
    }

    private static async Task<Results<Ok<StoryDto>, RedirectHttpResult, ProblemHttpResult>> GetStoryAsync(
        [Description(CultureDoc)] string culture, [Description(SlugDoc)] string slug, PortalDbContext db, PortalCultures cultures, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        var today = StoryRules.Today(clock);
        if (await StoryReading.StoryAsync(db, slug, culture, cultures.Source, today, ct) is not { } read) return await MissingAsync<StoryDto>(db, ContentKind.Story, slug, culture, cultures.Source, "story", ApiUrls.Story, ct);
        var story = read.Text;
        var f = (StoryFields)story.Fields!;
        Infrastructure.ReaderCaching.NotPast(http, StoryRules.EndsAt(f), clock);
        var country = read.Guide is not { } guide ? null : new CountryRefDto(guide.Text.Slug, guide.Text.Title,
            new RefLinksDto(ApiUrls.Country(culture, guide.Text.Slug), ReaderUrls.Country(culture, guide.Text.Slug)));
        var media = await MediaAsync(db, [story.Text.BodyHtml], culture, cultures.Source, ct);
        return TypedResults.Ok(new StoryDto(
            story.Text.Key, SlugIn(culture, read.Versions, story.Text.Slug), f.CountryCode, f.Name, f.Age, story.Text.Title, story.Text.Summary, story.Text.BodyHtml,
            f.Consent.Recorded, country, story.Text.UpdatedOn, Status(story, culture), Media(story.Text.BodyHtml, media, culture, http),
            Links(culture, story.Text.Slug, read.Versions, cultures, ApiUrls.Story, ReaderUrls.Story), read.Newest));
    }

    private static async Task<Results<Ok<PageListDto>, ProblemHttpResult>> ListPagesAsync(
        [Description(CultureDoc)] string culture, [Description(ListPaging.LimitDoc)] string? limit, [Description(ListPaging.NextDoc)] string? next,
        PortalDbContext db, PortalCultures cultures, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        if (!ListPaging.TryRead(limit, next, out var paging, out var refused)) return refused!;
        var read = await PageReading.ListAsync(db, culture, cultures.Source, ct);
        var (page, after) = ListPaging.Take(read.Items, paging, p => p.Text.Key);
        var items = page.Select(p => new PageSummaryDto(
                p.Text.Key, SlugIn(culture, read.VersionsOf(p), p.Text.Slug), p.Text.Title, p.Text.Summary, p.Text.UpdatedOn, Status(p, culture),
                Links(culture, p.Text.Slug, read.VersionsOf(p), cultures, ApiUrls.Page, ReaderUrls.Page)))
            .ToList();
        return TypedResults.Ok(new PageListDto(culture, items, after, after is not null, read.Newest));
    }

    private static async Task<Results<Ok<PageDto>, RedirectHttpResult, ProblemHttpResult>> GetPageAsync(
        [Description(CultureDoc)] string culture, [Description(SlugDoc)] string slug, PortalDbContext db, PortalCultures cultures, HttpContext http, CancellationToken ct)
    {
        if (!cultures.IsSupported(culture)) return UnknownCulture(culture, cultures);
        if (await PageReading.PageAsync(db, slug, culture, cultures.Source, ct) is not { } read) return await MissingAsync<PageDto>(db, ContentKind.Page, slug, culture, cultures.Source, "page", ApiUrls.Page, ct);
        var page = read.Text;
        var media = await MediaAsync(db, [page.Text.BodyHtml], culture, cultures.Source, ct);
        return TypedResults.Ok(new PageDto(
            page.Text.Key, SlugIn(culture, read.Versions, page.Text.Slug), page.Text.Title, page.Text.Summary, page.Text.BodyHtml,
            page.Text.UpdatedOn, Status(page, culture), Media(page.Text.BodyHtml, media, culture, http), Links(culture, page.Text.Slug, read.Versions, cultures, ApiUrls.Page, ReaderUrls.Page), read.Newest));
    }

    private static SupportPointDto SupportPoint(Localized<PublishedText> p, string culture, IReadOnlyCollection<ContentLink> versions, PortalCultures cultures, IReadOnlyList<MediaDto> media)
    {
        var f = (SupportPointFields)p.Fields!;
        var slug = SlugIn(culture, versions, p.Text.Slug);
        return new SupportPointDto(
            p.Text.Key, slug, p.Text.Title, p.Text.Summary, p.Text.BodyHtml,
            f.City, f.DisplayCity, f.Region, f.Address, f.Postcode, f.Phone, SupportPointLinks.Tel(f.Phone), f.Email,
            f.Counsellors.Select(c => new CounsellorDto(c.Name, c.Email, c.Phone, SupportPointLinks.Tel(c.Phone))).ToList(),
            f.OpeningHours.Select(h => new OpeningHoursDto(h.Day, h.From, h.To)).ToList(),
            f.HoursExceptions.Select(x => new HoursExceptionDto(x.Date, x.Closed, x.From, x.To)).ToList(),
            f.Visits, f.Languages, f.Accessibility, f.Verified, ReaderUrls.ContactCard(culture, slug), p.Text.UpdatedOn, Status(p, culture), media,
            Links(culture, p.Text.Slug, versions, cultures, ApiUrls.SupportPoint, (c, s) => ReaderUrls.For(ContentKind.SupportPoint, c, s)),
            p.Text.PublishedAt);
    }

    /// <summary>The media the bodies show, loaded in one query (a video's texts in one more); none (and no query) when they show none, as most texts.</summary>
    private static Task<IReadOnlyDictionary<string, MediaFigure>> MediaAsync(PortalDbContext db, IEnumerable<string> bodies, string culture, string source, CancellationToken ct)
        => MediaFigures.LoadAsync(db, bodies.SelectMany(MediaReferences.KeysShown).Distinct(StringComparer.Ordinal).ToList(), culture, source, ct);

    /// <summary>One body's media, in the order it shows them, with absolute URLs (Portal:PublicUrl) and texts in the requested language.</summary>
    private static IReadOnlyList<MediaDto> Media(string bodyHtml, IReadOnlyDictionary<string, MediaFigure> figures, string culture, HttpContext http)
    {
        var origin = http.PublicOrigin();
        return MediaReferences.KeysShown(bodyHtml).Where(figures.ContainsKey).Select(k => figures[k])
            .Select(f => new MediaDto(f.Key, f.Kind.ToString().ToLowerInvariant(), f.Alt, f.AltLanguage ?? culture, f.AltLanguage is not null, f.Width, f.Height,
                (f.Files ?? []).Select(v => new MediaVariantDto(origin + v.Url, v.ContentType, v.Width, v.Height)).ToList(),
                f.Video is { } v ? new MediaVideoDto(origin + v.Url, v.ContentType, v.Poster is null ? null : origin + v.Poster,
                    v.Tracks.Select(t => new MediaTrackDto(t.Culture, origin + t.Url, t.Default)).ToList(), v.Transcript, v.Transcript is null ? null : v.TranscriptLanguage ?? culture) : null,
                f.Document is { } d ? new MediaDocumentDto(origin + d.Url, d.Culture, d.Size) : null))
            .ToList();
    }

    internal static LanguageStatusDto Status<T>(Localized<T> text, string culture) where T : IPublishedText
        => new(culture, text.Text.Culture, text.IsFallback, text.IsOutdated, text.OutdatedSince, text.Text.HumanReviewed);

    private static IReadOnlyList<SourceDto> Sources(IReadOnlyList<SourceRef>? sources)
        => sources?.Select(s => new SourceDto(s.Title, s.Url, s.Date)).ToList() ?? [];

    /// <summary>The item's slug in the requested language; the served (source) slug when it has no translation there.</summary>
    private static string SlugIn(string culture, IEnumerable<ContentLink> versions, string servedSlug)
        => versions.FirstOrDefault(v => v.Culture == culture)?.Slug ?? servedSlug;

    private static LinksDto Links(string culture, string servedSlug, IReadOnlyCollection<ContentLink> versions, PortalCultures cultures,
        Func<string, string, string> api, Func<string, string, string> page)
    {
        var slug = SlugIn(culture, versions, servedSlug);
        var alternates = versions.OrderBy(v => Order(cultures, v.Culture)).Select(v => new AlternateDto(v.Culture, api(v.Culture, v.Slug), page(v.Culture, v.Slug))).ToList();
        return new LinksDto(api(culture, slug), page(culture, slug), alternates);
    }

    private static int Order(PortalCultures cultures, string culture)
    {
        for (var i = 0; i < cultures.Names.Count; i++)
            if (cultures.Names[i] == culture) return i;
        return int.MaxValue;
    }

    /// <summary>
    /// The guide's ## sections, cut from the stored HTML at the headings the renderer gave their ids (section-1, section-2…).
    /// When a heading cannot be found the whole body is returned as the intro, so nothing is ever lost.
    /// </summary>
    internal static (string Intro, IReadOnlyList<SectionDto> Sections) Sections(string html, IReadOnlyList<OutlineEntry> outline)
    {
        var starts = new List<int>();
        foreach (var entry in outline)
        {
            var at = html.IndexOf($"<h2 id=\"{entry.Id}\">", StringComparison.Ordinal);
            if (at < 0 || (starts.Count > 0 && at < starts[^1])) return (html, []);
            starts.Add(at);
        }
        if (starts.Count == 0) return (html.Trim(), []);

        var sections = new List<SectionDto>();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : html.Length;
            var close = html.IndexOf("</h2>", starts[i], StringComparison.Ordinal);
            if (close < 0 || close > end) return (html, []);
            sections.Add(new SectionDto(outline[i].Id, outline[i].Text, html[(close + "</h2>".Length)..end].Trim()));
        }
        return (html[..starts[0]].Trim(), sections);
    }
}
