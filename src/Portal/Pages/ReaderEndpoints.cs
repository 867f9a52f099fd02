using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;
using Portal.Pages.SupportPoints;

namespace Portal.Pages;

/// <summary>The reader site's non-HTML endpoints: sitemap.xml (with hreflang alternates), robots.txt and contact cards.</summary>
public static class ReaderEndpoints
{
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    public static IEndpointRouteBuilder MapReaderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapContactCards();

        app.MapMethods("/robots.txt", ReaderMethods.Read, (HttpContext http) =>
            Results.Text($"User-agent: *\nAllow: /\nDisallow: /editor/\nSitemap: {http.PublicOrigin()}/sitemap.xml\n", "text/plain; charset=utf-8"))
            .CacheOutput(ReaderCaching.Policy);

        app.MapMethods("/sitemap.xml", ReaderMethods.Read, async (HttpContext http, PortalDbContext db, PortalCultures cultures, CancellationToken ct) =>
        {
            var origin = http.PublicOrigin();
            var published = await db.ContentTranslations.Published().AsNoTracking()
                .Select(t => new { Link = new ContentLink(t.ContentItemId, t.Kind, t.Item.CountryCode, t.Culture, t.Slug), t.PublishedAt }).ToListAsync(ct);
            var links = published.Select(p => p.Link).ToList();
            var publishedAt = published.ToDictionary(p => (p.Link.ItemId, p.Link.Culture), p => p.PublishedAt);
            // A list page changes when any item it lists is published, in any language (untranslated ones show the source).
            DateTimeOffset? Newest(params ContentKind[] kinds) => published.Where(p => kinds.Length == 0 || kinds.Contains(p.Link.Kind)).Max(p => p.PublishedAt);
            // A safety page lives under its guide's slug; the guide is the one its fields name (several guides may share a country code).
            var guideKeys = await db.ContentTranslations.Published().OfKind(ContentKind.CountryGuide).AsNoTracking()
                .Select(t => new { t.ContentItemId, t.Item.Key }).Distinct().ToDictionaryAsync(t => t.Key, t => t.ContentItemId, ct);
            // Only the guide key of each assessment's fields, read in SQL: at 1,000 countries the fields whole were 6,000
            // revisions' JSON, most of this answer's memory. The source text's key first (facts follow the source).
            var safetyGuide = (await SafetyGuideKeys(db, ct))
                .Where(s => s.GuideKey is not null && guideKeys.ContainsKey(s.GuideKey))
                .GroupBy(s => s.ItemId).ToDictionary(g => g.Key, g => guideKeys[g.OrderBy(s => s.Culture == cultures.Source ? 0 : 1).First().GuideKey!]);
            var guideSlugs = links.Where(l => l.Kind == ContentKind.CountryGuide).ToDictionary(l => (l.ItemId, l.Culture), l => l.Slug);

            // One <url> per page and language, each listing every language version (Google's hreflang sitemap form).
            // x-default (the address for a reader whose language is none of these): "/" for the home page, the
            // language-neutral address that sends each reader to their own language; for every other page, which has no
            // language-neutral address, its Dutch source version, the text every translation is made from and falls back to.
            var groups = new List<(List<(string Culture, string Path, DateTimeOffset? Modified)> Pages, string? Default)>
            {
                (cultures.Names.Select(c => (c, ReaderUrls.Home(c), Newest())).ToList(), "/"),
                (cultures.Names.Select(c => (c, ReaderUrls.SupportPoints(c), Newest(ContentKind.SupportPoint))).ToList(), ReaderUrls.SupportPoints(cultures.Source)),
                (cultures.Names.Select(c => (c, ReaderUrls.Countries(c), Newest(ContentKind.CountryGuide, ContentKind.SafetyAssessment))).ToList(), ReaderUrls.Countries(cultures.Source)),
                (cultures.Names.Select(c => (c, ReaderUrls.Stories(c), Newest(ContentKind.Story))).ToList(), ReaderUrls.Stories(cultures.Source)),
            };
            foreach (var item in links.Where(l => ContentKinds.Of(l.Kind).OwnReaderPage).GroupBy(l => l.ItemId))
            {
                var group = item.Select(l => (l.Culture, Path: l.Kind == ContentKind.SafetyAssessment
                        ? safetyGuide.TryGetValue(l.ItemId, out var guideId) && guideSlugs.TryGetValue((guideId, l.Culture), out var gs) ? ReaderUrls.Safety(l.Culture, gs) : null
                        : ReaderUrls.For(l.Kind, l.Culture, l.Slug)))
                    .Where(x => x.Path is not null).Select(x => (x.Culture, Path: x.Path!, Modified: publishedAt[(item.Key, x.Culture)])).ToList();
                if (group.Count > 0) groups.Add((group, group.FirstOrDefault(p => p.Culture == cultures.Source).Path));
            }

            // Streamed with an XmlWriter: with many countries the file has tens of thousands of elements, too many to build
            // as an XDocument plus one string at once.
            http.Response.ContentType = "application/xml; charset=utf-8";
            var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = false };
            await using var xml = XmlWriter.Create(http.Response.Body, settings);
            await xml.WriteStartDocumentAsync();
            await xml.WriteStartElementAsync(null, "urlset", SitemapNamespace);
            await xml.WriteAttributeStringAsync("xmlns", "xhtml", null, XhtmlNamespace);
            foreach (var (group, fallback) in groups)
            {
                var alternates = group.Select(p => (p.Culture, p.Path));
                if (fallback is not null) alternates = alternates.Append(("x-default", fallback));
                foreach (var page in group)
                {
                    await xml.WriteStartElementAsync(null, "url", SitemapNamespace);
                    await xml.WriteElementStringAsync(null, "loc", SitemapNamespace, origin + page.Path);
                    if (page.Modified is { } modified)
                        await xml.WriteElementStringAsync(null, "lastmod", SitemapNamespace, modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                    foreach (var (culture, path) in alternates)
                    {
                        await xml.WriteStartElementAsync("xhtml", "link", XhtmlNamespace);
                        await xml.WriteAttributeStringAsync(null, "rel", null, "alternate");
                        await xml.WriteAttributeStringAsync(null, "hreflang", null, culture);
                        await xml.WriteAttributeStringAsync(null, "href", null, origin + path);
                        await xml.WriteEndElementAsync();
                    }
                    await xml.WriteEndElementAsync();
                }
            }
            await xml.WriteEndDocumentAsync();
            return Results.Empty;
        }).CacheOutput(ReaderCaching.Policy).WithMetadata(ReaderCompression.LargeAnswer.Instance);

        return app;
    }

    private static Task<List<SafetyGuideKey>> SafetyGuideKeys(PortalDbContext db, CancellationToken ct)
    {
        // Only a constant is spliced in (the provider's JSON expression); the kind is a parameter.
        var sql = $$"""
            SELECT t."ContentItemId" AS "ItemId", t."Culture" AS "Culture", {{JsonSql.Text(db, "r.\"Fields\"", "guideKey")}} AS "GuideKey"
            FROM "ContentTranslations" AS t JOIN "ContentRevisions" AS r ON r."Id" = t."PublishedRevisionId"
            WHERE t."Kind" = {0}
            """;
        return db.Database.SqlQueryRaw<SafetyGuideKey>(sql, (int)ContentKind.SafetyAssessment).ToListAsync(ct);
    }

    private sealed class SafetyGuideKey
    {
        public int ItemId { get; init; }
        public string Culture { get; init; } = "";
        public string? GuideKey { get; init; }
    }
}
