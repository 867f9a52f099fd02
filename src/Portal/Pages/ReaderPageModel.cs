using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Localization;

namespace Portal.Pages;

/// <summary>
/// Base of every public page: the reader's culture, and the language versions of this page for the language
/// switcher, hreflang and the canonical link. Content pages add [OutputCache(PolicyName = ReaderCaching.Policy)];
/// "/" does not, because its answer depends on Accept-Language.
/// </summary>
public abstract class ReaderPageModel(PortalCultures cultures) : PageModel
{
    protected PortalCultures Cultures { get; } = cultures;

    public string Culture => CultureInfo.CurrentUICulture.Name;
    public string SourceCulture => Cultures.Source;

    /// <summary>Path of this page in each language it truly exists in (culture → path). Empty: only the current URL.</summary>
    public IReadOnlyDictionary<string, string> Alternates { get; protected set; } = new Dictionary<string, string>();

    /// <summary>Alternates for pages that exist in every language (home, lists).</summary>
    protected void AlternatesForAllCultures(Func<string, string> path)
        => Alternates = Cultures.Names.ToDictionary(c => c, path);

    /// <summary>
    /// A slug that found no published text: 301 to the item's address now after a rename, 410 (the localized "removed"
    /// page) once the item is retired, else the localized 404. <paramref name="url"/> builds an address from culture and slug.
    /// </summary>
    protected async Task<IActionResult> MissingAsync(PortalDbContext db, ContentKind kind, string slug, Func<string, string, string> url, CancellationToken ct)
        => await OldAddress.FindAsync(db, kind, slug, Culture, SourceCulture, ct) switch
        {
            { Retired: true } => StatusCode(StatusCodes.Status410Gone),
            { Slug: { } moved } => RedirectPermanent(url(Culture, moved)),
            _ => NotFound(),
        };
}
