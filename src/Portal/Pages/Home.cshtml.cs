using Microsoft.AspNetCore.OutputCaching;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages;

/// <summary>
/// /{culture}/: short whatever the number of countries: the support-point entry first, then at most
/// <see cref="Featured"/> countries (those editors put first with their `order`, then by title, as every list sorts)
/// and <see cref="Featured"/> stories, each with a link to its full list.
/// </summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class HomeModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public const int Featured = 12;
    public const int FeaturedStories = 3;

    public IReadOnlyList<Localized<PublishedSummary>> Countries { get; private set; } = [];
    public IReadOnlyList<Localized<PublishedSummary>> Stories { get; private set; } = [];
    public IReadOnlyList<Localized<PublishedSummary>> InfoPages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = StoryRules.Today(clock);
        var read = await HomeReading.HomeAsync(db, Culture, SourceCulture, today, ct);
        (Countries, Stories, InfoPages) = (read.Countries.Take(Featured).ToList(), read.Stories.Take(FeaturedStories).ToList(), read.Pages);
        AlternatesForAllCultures(ReaderUrls.Home);
    }
}
