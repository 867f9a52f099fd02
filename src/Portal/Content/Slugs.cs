using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content;

/// <summary>What a slug may be, in content files and in the workspace alike, and who holds one already.</summary>
public static partial class Slugs
{
    /// <summary>First path segments the reader site uses itself: a page with one of these slugs could never be reached.</summary>
    public static readonly IReadOnlySet<string> ReservedPageSlugs = new HashSet<string>(["countries", "support-points", "stories", "api", "editor", "css", "sitemap-xml", "robots-txt"]);

    public const int MaxLength = 120;

    /// <summary>a-z, 0-9 and single hyphens between them.</summary>
    public static bool IsWellFormed(string? slug) => slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

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
