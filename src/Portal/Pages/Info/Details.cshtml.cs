using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Info;

/// <summary>/{culture}/{slug}: about the programme, principles, options, partners, privacy, contact.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class DetailsModel(PortalDbContext db, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public Localized<PublishedText> Info { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await PageReading.PageAsync(db, slug, Culture, SourceCulture, ct) is not { } read) return await MissingAsync(db, ContentKind.Page, slug, ReaderUrls.Page, ct);
        Info = read.Text;
        Alternates = read.Versions.ToDictionary(v => v.Culture, v => ReaderUrls.Page(v.Culture, v.Slug));
        return Page();
    }
}
