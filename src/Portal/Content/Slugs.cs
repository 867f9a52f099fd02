using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content;

/// <summary>
/// The one rule for keys and slugs (content files, the workspace, the management API): a-z, 0-9 and single '-'; and who
/// holds a slug already.
/// </summary>
public static partial class Slugs
{
    public const int MaxLength = 80;

    /// <summary>First path segments the reader site uses itself: a page with one of these slugs could never be reached.</summary>
    public static readonly IReadOnlySet<string> ReservedPageSlugs = new HashSet<string>
        { "countries", "support-points", "stories", "api", "editor", "css", "sitemap-xml", "robots-txt" };

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

    /// <summary>A proposal from a title: accents dropped, everything else that is not a-z or 0-9 becomes one '-'. Empty when nothing Latin is left.</summary>
    public static string FromTitle(string? title)
    {
        var decomposed = (title ?? "").Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower)) sb.Append(lower);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }

    /// <summary>
    /// The key of another item of the kind that holds this slug in this culture, as its current slug or as an old one that
    /// still redirects to it; null when it is free for <paramref name="itemId"/>.
    /// </summary>
    public static async Task<string?> TakenByAsync(PortalDbContext db, ContentKind kind, string culture, string slug, int itemId, CancellationToken ct)
        => await db.ContentTranslations.Where(t => t.Kind == kind && t.Culture == culture && t.Slug == slug && t.ContentItemId != itemId)
               .Select(t => t.Item.Key).FirstOrDefaultAsync(ct)
           ?? await db.ContentOldSlugs.Where(o => o.Kind == kind && o.Culture == culture && o.Slug == slug && o.ContentItemId != itemId)
               .Select(o => o.Item.Key).FirstOrDefaultAsync(ct);

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
