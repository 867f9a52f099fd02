using System.Text;
using System.Xml.Linq;
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
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    public static IEndpointRouteBuilder MapReaderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapContactCards();

        app.MapGet("/robots.txt", (HttpContext http) =>
            Results.Text($"User-agent: *\nAllow: /\nDisallow: /editor/\nSitemap: {http.Request.Scheme}://{http.Request.Host}/sitemap.xml\n", "text/plain; charset=utf-8"))
            .CacheOutput(ReaderCaching.Policy);

        app.MapGet("/sitemap.xml", async (HttpContext http, PortalDbContext db, PortalCultures cultures, CancellationToken ct) =>
        {
            var origin = $"{http.Request.Scheme}://{http.Request.Host}";
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
            };
            foreach (var item in links.Where(l => l.Kind != ContentKind.SupportPoint).GroupBy(l => l.ItemId))
            {
                var group = item.Select(l => (l.Culture, Path: l.Kind == ContentKind.SafetyAssessment
                        ? safetyGuide.TryGetValue(l.ItemId, out var guideId) && guideSlugs.TryGetValue((guideId, l.Culture), out var gs) ? ReaderUrls.Safety(l.Culture, gs) : null
                        : ReaderUrls.For(l.Kind, l.Culture, l.Slug)))
                    .Where(x => x.Path is not null).Select(x => (x.Culture, x.Path!)).ToList();
                if (group.Count > 0) groups.Add(group);
            }

            var urlset = new XElement(Sm + "urlset", new XAttribute(XNamespace.Xmlns + "xhtml", Xhtml),
                groups.SelectMany(g => g.Select(page => new XElement(Sm + "url",
                    new XElement(Sm + "loc", origin + page.Path),
                    g.Select(alt => new XElement(Xhtml + "link",
                        new XAttribute("rel", "alternate"), new XAttribute("hreflang", alt.Culture), new XAttribute("href", origin + alt.Path)))))));
            var xml = new XDocument(new XDeclaration("1.0", "utf-8", null), urlset);
            return Results.Text(xml.Declaration + "\n" + xml.Root, "application/xml; charset=utf-8", Encoding.UTF8);
        }).CacheOutput(ReaderCaching.Policy);

        return app;
    }
}
