using Microsoft.AspNetCore.OutputCaching;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.SupportPoints;

/// <summary>/{culture}/support-points?city=…: every support point, filterable by city with a plain GET form.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class IndexModel(PortalDbContext db, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public IReadOnlyList<Localized<PublishedText>> Points { get; private set; } = [];
    public IReadOnlyList<string> Cities { get; private set; } = [];
    public string? City { get; private set; }

    public async Task OnGetAsync(string? city, CancellationToken ct)
    {
        var read = await SupportPointReading.ListAsync(db, city, Culture, SourceCulture, withVersions: false, ct);
        (Cities, City, Points) = (read.Cities, read.City, read.Points.Items);
        AlternatesForAllCultures(ReaderUrls.SupportPoints);
    }
}
