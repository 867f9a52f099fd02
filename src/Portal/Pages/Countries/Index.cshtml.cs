using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.Countries;

/// <summary>/{culture}/countries: every country guide A–Z, grouped by the first letter of its title in the reader's script.</summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class IndexModel(PortalDbContext db, PortalCultures cultures) : ReaderPageModel(cultures)
{
    public sealed record Letter(string Name, IReadOnlyList<Localized<PublishedSummary>> Countries);

    public IReadOnlyList<Letter> Letters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var read = await CountryReading.ListAsync(db, Culture, SourceCulture, ct);
        Letters = ByLetter(read.Items, CultureInfo.CurrentCulture);
        AlternatesForAllCultures(ReaderUrls.Countries);
    }

    /// <summary>
    /// Groups by the title's first letter without its accents or hamza (É under E, أ under ا), and in Arabic without the
    /// article ال, as Arabic indexes do (العراق under ع); within a letter, in the reader's language's order.
    /// </summary>
    internal static IReadOnlyList<Letter> ByLetter(IEnumerable<Localized<PublishedSummary>> items, CultureInfo culture)
    {
        var compare = StringComparer.Create(culture, ignoreCase: true);
        return items
            .Select(i => (Item: i, Key: SortKey(i.Text.Title, culture)))
            .GroupBy(x => FirstLetter(x.Key, culture))
            .OrderBy(g => g.Key == "#" ? 1 : 0).ThenBy(g => g.Key, compare)
            .Select(g => new Letter(g.Key, g.OrderBy(x => x.Key, compare).Select(x => x.Item).ToList()))
            .ToList();
    }

    private static string SortKey(string title, CultureInfo culture)
    {
        var t = title.Trim();
        return culture.TwoLetterISOLanguageName == "ar" && t.Length > 2 && t.StartsWith("ال", StringComparison.Ordinal) ? t[2..] : t;
    }

    private static string FirstLetter(string key, CultureInfo culture)
    {
        if (key.Length == 0) return "#";
        var first = StringInfo.GetNextTextElement(key).Normalize(NormalizationForm.FormD)[0];
        return char.IsLetter(first) ? culture.TextInfo.ToUpper(first).ToString() : "#";
    }
}
