using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Content;

/// <summary>The one rule for keys and slugs (content files, the workspace, the management API): a-z, 0-9 and single '-'.</summary>
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

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
