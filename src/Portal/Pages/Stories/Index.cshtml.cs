using Microsoft.AspNetCore.OutputCaching;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Stories;

/// <summary>/{culture}/stories: every story readers may see (consent holding), in the editors' order.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class IndexModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public IReadOnlyList<Localized<PublishedSummary>> Stories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Stories = (await StoryReading.ListAsync(db, Culture, SourceCulture, today, ct)).Items;
        AlternatesForAllCultures(ReaderUrls.Stories);
    }
}
