using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.SupportPoints;

/// <summary>/{culture}/support-points?city=…: every support point, filterable by city with a plain GET form.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class IndexModel(PortalDbContext db, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public IReadOnlyList<Localized<PublishedSummary>> Points { get; private set; } = [];
    public IReadOnlyList<string> Cities { get; private set; } = [];
    public string? City { get; private set; }

    public async Task OnGetAsync(string? city, CancellationToken ct)
    {
        var texts = await db.ContentTranslations.Published().InCulture(Culture, SourceCulture)
            .OfKind(ContentKind.SupportPoint).SelectSummary().ToListAsync(ct);
        var all = Localized.PickAll(texts, Culture, SourceCulture);
        Cities = all.Select(p => ((SupportPointFields)p.Fields!).City).Distinct().Order(StringComparer.Ordinal).ToList();
        City = string.IsNullOrWhiteSpace(city) ? null : city.Trim();
        Points = City is null ? all : all.Where(p => string.Equals(((SupportPointFields)p.Fields!).City, City, StringComparison.OrdinalIgnoreCase)).ToList();
        AlternatesForAllCultures(ReaderUrls.SupportPoints);
    }
}
