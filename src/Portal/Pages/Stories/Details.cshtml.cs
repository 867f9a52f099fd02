using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Stories;

[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class DetailsModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public StoryReading.Story Read { get; private set; } = null!;
    public Localized<PublishedText> Story => Read.Text;
    public StoryFields Fields => (StoryFields)Story.Fields!;
    public Localized<PublishedText>? Guide => Read.Guide;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var today = StoryRules.Today(clock);
        if (await StoryReading.StoryAsync(db, slug, Culture, SourceCulture, today, ct) is not { } read) return await MissingAsync(db, ContentKind.Story, slug, ReaderUrls.Story, ct);
        Read = read;
        ReaderCaching.NotPast(HttpContext, StoryRules.EndsAt(read.Text.Fields), clock);
        Alternates = read.Versions.ToDictionary(v => v.Culture, v => ReaderUrls.Story(v.Culture, v.Slug));
        return Page();
    }
}
