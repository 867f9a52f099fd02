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
            var links = await db.ContentTranslations.Published().SelectLink().ToListAsync(ct);
            // A safety page lives under its guide's slug; the guide is the one its fields name (several guides may share a country code).
            var guideKeys = await db.ContentTranslations.Published().OfKind(ContentKind.CountryGuide).AsNoTracking()
                .Select(t => new { t.ContentItemId, t.Item.Key }).Distinct().ToDictionaryAsync(t => t.Key, t => t.ContentItemId, ct);
            var safetyGuide = (await db.ContentTranslations.Published().OfKind(ContentKind.SafetyAssessment).AsNoTracking()
                    .Select(t => new { t.ContentItemId, t.PublishedRevision!.Fields }).ToListAsync(ct))
                .Where(s => s.Fields is SafetyFields f && guideKeys.ContainsKey(f.GuideKey))
                .GroupBy(s => s.ContentItemId).ToDictionary(g => g.Key, g => guideKeys[((SafetyFields)g.First().Fields!).GuideKey]);
            var guideSlugs = links.Where(l => l.Kind == ContentKind.CountryGuide).ToDictionary(l => (l.ItemId, l.Culture), l => l.Slug);

            // One <url> per page and language, each listing every language version (Google's hreflang sitemap form).
            var groups = new List<List<(string Culture, string Path)>>
            {
                cultures.Names.Select(c => (c, ReaderUrls.Home(c))).ToList(),
                cultures.Names.Select(c => (c, ReaderUrls.SupportPoints(c))).ToList(),
                cultures.Names.Select(c => (c, ReaderUrls.Countries(c))).ToList(),
                cultures.Names.Select(c => (c, ReaderUrls.Stories(c))).ToList(),
            };
            foreach (var item in links.Where(l => ContentKinds.Of(l.Kind).OwnReaderPage).GroupBy(l => l.ItemId))
            {
                var group = item.Select(l => (l.Culture, Path: l.Kind == ContentKind.SafetyAssessment
                        ? safetyGuide.TryGetValue(l.ItemId, out var guideId) && guideSlugs.TryGetValue((guideId, l.Culture), out var gs) ? ReaderUrls.Safety(l.Culture, gs) : null
                        : ReaderUrls.For(l.Kind, l.Culture, l.Slug)))
                    .Where(x => x.Path is not null).Select(x => (x.Culture, x.Path!)).ToList();
                if (group.Count > 0) groups.Add(group);
            }

            // Streamed with an XmlWriter: with many countries the file has tens of thousands of elements, too many to build
            // as an XDocument plus one string at once.
            http.Response.ContentType = "application/xml; charset=utf-8";
            var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = false };
            await using var xml = XmlWriter.Create(http.Response.Body, settings);
            await xml.WriteStartDocumentAsync();
            await xml.WriteStartElementAsync(null, "urlset", SitemapNamespace);
            await xml.WriteAttributeStringAsync("xmlns", "xhtml", null, XhtmlNamespace);
            foreach (var group in groups)
            {
                foreach (var page in group)
                {
                    await xml.WriteStartElementAsync(null, "url", SitemapNamespace);
                    await xml.WriteElementStringAsync(null, "loc", SitemapNamespace, origin + page.Path);
                    foreach (var alt in group)
                    {
                        await xml.WriteStartElementAsync("xhtml", "link", XhtmlNamespace);
                        await xml.WriteAttributeStringAsync(null, "rel", null, "alternate");
                        await xml.WriteAttributeStringAsync(null, "hreflang", null, alt.Culture);
                        await xml.WriteAttributeStringAsync(null, "href", null, origin + alt.Path);
                        await xml.WriteEndElementAsync();
                    }
                    await xml.WriteEndElementAsync();
                }
            }
            await xml.WriteEndDocumentAsync();
            return Results.Empty;
        }).CacheOutput(ReaderCaching.Policy);

        return app;
    }
}
