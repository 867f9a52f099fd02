using Microsoft.AspNetCore.OutputCaching;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages;

[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class HomeModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public IReadOnlyList<Localized<PublishedSummary>> Countries { get; private set; } = [];
    public IReadOnlyList<Localized<PublishedSummary>> Stories { get; private set; } = [];
    public IReadOnlyList<Localized<PublishedSummary>> InfoPages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = StoryRules.Today(clock);
        var read = await HomeReading.HomeAsync(db, Culture, SourceCulture, today, ct);
        (Countries, Stories, InfoPages) = (read.Countries, read.Stories, read.Pages);
        AlternatesForAllCultures(ReaderUrls.Home);
    }
}
