using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
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
        var texts = await db.ContentTranslations.Published().InCulture(Culture, SourceCulture).OfKind(ContentKind.Page)
            .Where(t => t.Item.Translations.Any(x => x.Kind == ContentKind.Page && x.Slug == slug && (x.Culture == Culture || x.Culture == SourceCulture)))
            .SelectText().ToListAsync(ct);
        if (texts.Count == 0) return NotFound();
        Info = Localized.Pick(texts, texts[0].ItemId, Culture, SourceCulture)!;

        var versions = await db.ContentTranslations.Published().Where(t => t.ContentItemId == Info.Text.ItemId).SelectLink().ToListAsync(ct);
        Alternates = versions.ToDictionary(v => v.Culture, v => ReaderUrls.Page(v.Culture, v.Slug));
        return Page();
    }
}
