using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
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
        var texts = await db.ContentTranslations.Published().InCulture(Culture, SourceCulture)
            .Where(t => t.Kind == ContentKind.CountryGuide || t.Kind == ContentKind.Story || t.Kind == ContentKind.Page)
            .SelectSummary().ToListAsync(ct);
        var all = Localized.PickAll(texts, Culture, SourceCulture);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Countries = all.Where(t => t.Text.Kind == ContentKind.CountryGuide).ToList();
        Stories = all.Where(t => t.Text.Kind == ContentKind.Story && StoryRules.IsVisible(t.Fields, today)).ToList();
        InfoPages = all.Where(t => t.Text.Kind == ContentKind.Page).ToList();
        AlternatesForAllCultures(ReaderUrls.Home);
    }
}
