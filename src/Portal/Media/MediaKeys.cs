using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;

namespace Portal.Media;

/// <summary>
/// The key a new item gets from its file's name: readable ASCII, as bodies name it (<c>![[media:key]]</c>). A name in
/// Arabic script (Arabic, Farsi, Sorani) is transliterated letter by letter; a name with nothing left becomes
/// <c>image-&lt;n&gt;</c>, the first number no item holds.
/// </summary>
public static class MediaKeys
{
    /// <summary>"Mazan portret.JPG" → "mazan-portret"; "پرتره مازن.jpg" → "prtrh-mazn"; "😀.png" → "" (then <see cref="FallbackAsync"/>).</summary>
    public static string FromName(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name) is { Length: > 0 } s ? s : name;
        var key = Slugs.FromTitle(stem);
        return key.Length > 0 ? key : Slugs.FromTitle(Transliterate(stem));
    }

    /// <summary>The first <c>image-&lt;n&gt;</c> (or video-, document-) that no item, retired ones included, holds.</summary>
    public static async Task<string> FallbackAsync(PortalDbContext db, MediaKind kind, CancellationToken ct)
    {
        var prefix = kind.ToString().ToLowerInvariant() + "-";
        var taken = (await db.MediaItems.Where(i => i.Key.StartsWith(prefix)).Select(i => i.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (taken.Contains(prefix + n)) n++;
        return prefix + n;
    }

    private static string Transliterate(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (Letters.TryGetValue(c, out var latin)) sb.Append(latin);
            else if (c is >= '\u0660' and <= '\u0669') sb.Append((char)('0' + c - '\u0660')); // Arabic-Indic digits
            else if (c is >= '\u06F0' and <= '\u06F9') sb.Append((char)('0' + c - '\u06F0')); // Persian digits
            else sb.Append(c);
        }
        return sb.ToString();
    }

    // One plain spelling per letter of the Arabic, Farsi and Sorani alphabets: short vowels are not written, so the result
    // is a readable skeleton ("mazn"), not a pronunciation. Hamza and ain are dropped.
    private static readonly Dictionary<char, string> Letters = new()
    {
        ['ا'] = "a", ['آ'] = "a", ['أ'] = "a", ['إ'] = "i", ['ٱ'] = "a", ['ء'] = "", ['ؤ'] = "w", ['ئ'] = "y",
        ['ب'] = "b", ['پ'] = "p", ['ت'] = "t", ['ث'] = "th", ['ج'] = "j", ['چ'] = "ch", ['ح'] = "h", ['خ'] = "kh",
        ['د'] = "d", ['ذ'] = "dh", ['ر'] = "r", ['ڕ'] = "r", ['ز'] = "z", ['ژ'] = "zh", ['س'] = "s", ['ش'] = "sh",
        ['ص'] = "s", ['ض'] = "d", ['ط'] = "t", ['ظ'] = "z", ['ع'] = "", ['غ'] = "gh", ['ف'] = "f", ['ڤ'] = "v",
        ['ق'] = "q", ['ك'] = "k", ['ک'] = "k", ['گ'] = "g", ['ل'] = "l", ['ڵ'] = "l", ['م'] = "m", ['ن'] = "n",
        ['ه'] = "h", ['ھ'] = "h", ['ة'] = "a", ['ە'] = "e", ['و'] = "w", ['ۆ'] = "o", ['ی'] = "y", ['ي'] = "y",
        ['ى'] = "a", ['ێ'] = "e", ['\u200C'] = "", // the zero-width non-joiner of Farsi words
    };
}
