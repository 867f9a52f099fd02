namespace Portal.Content.Search;

/// <summary>
/// How readers write the Dutch cities of the support points in their own language, for the search's names field: a
/// support point's city is stored once, as the Dutch write it ("Den Haag"). Only exonyms in common use; a city
/// without one is found by its Dutch name, which every language version of a support point shows.
/// </summary>
public static class PlaceNames
{
    private static readonly Dictionary<string, string[]> Exonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Den Haag"] = ["'s-Gravenhage", "The Hague", "La Haye", "لاهاي", "لاهه", "لاهای"],
    };

    public static IEnumerable<string> Of(string? city)
        => city is null ? [] : Exonyms.TryGetValue(city, out var names) ? names.Prepend(city) : [city];
}
