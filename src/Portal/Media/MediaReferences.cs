using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;

namespace Portal.Media;

/// <summary>
/// How a body names a media item, <c>![[media:&lt;key&gt;]]</c>, and where each item is named: the library's "used in",
/// the refusal to retire an item that published content shows, and the alt-text check before publishing.
/// </summary>
public static partial class MediaReferences
{
    public static string Of(string key) => $"![[media:{key}]]";

    /// <summary>The keys a body names, each once, in order.</summary>
    public static IReadOnlyList<string> Keys(string? markdown)
        => string.IsNullOrEmpty(markdown) ? [] : Reference().Matches(markdown).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <param name="Published">Readers see it: the published revision names the item (else only a draft does).</param>
    public sealed record Use(int ItemId, ContentKind Kind, string ItemKey, string Culture, bool Published);

    /// <summary>Every text whose published revision or current draft names the item.</summary>
    public static async Task<IReadOnlyList<Use>> UsesAsync(PortalDbContext db, string key, CancellationToken ct)
    {
        var token = Of(key);
        return await db.ContentTranslations.AsNoTracking()
            .Where(t => t.PublishedRevision!.BodyMarkdown.Contains(token) || t.DraftRevision!.BodyMarkdown.Contains(token))
            .OrderBy(t => t.Item.Key).ThenBy(t => t.Culture)
            .Select(t => new Use(t.ContentItemId, t.Kind, t.Item.Key, t.Culture, t.PublishedRevision != null && t.PublishedRevision.BodyMarkdown.Contains(token)))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The keys of the items a rendered body shows (the addresses of its pictures, videos, subtitle tracks and documents),
    /// each once, in order: what readers see of it. A video's poster is part of the video, not an item shown of its own.
    /// </summary>
    public static IReadOnlyList<string> KeysShown(string? html)
        => string.IsNullOrEmpty(html) || !html.Contains("/media/", StringComparison.Ordinal) ? []
            : Shown().Matches(html).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"(?<!poster="")/media/([a-z0-9]+(?:-[a-z0-9]+)*)/[0-9a-f]{12}[-.]")]
    private static partial Regex Shown();

    /// <summary>Each reference in a text, with the key as its first group.</summary>
    public static MatchCollection Find(string text) => Reference().Matches(text);

    [GeneratedRegex(@"!\[\[media:([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")]
    private static partial Regex Reference();
}
