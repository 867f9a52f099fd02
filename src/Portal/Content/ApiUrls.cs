namespace Portal.Content;

/// <summary>The delivery API's URL scheme in one place (the reader site's is <see cref="ReaderUrls"/>).</summary>
public static class ApiUrls
{
    public const string Base = "/api/v1";

    public static string Languages => $"{Base}/languages";
    public static string Countries(string culture) => $"{Base}/{culture}/countries";
    public static string Country(string culture, string slug) => $"{Base}/{culture}/countries/{slug}";
    public static string Safety(string culture, string guideSlug) => $"{Base}/{culture}/countries/{guideSlug}/safety";
    public static string SupportPoints(string culture) => $"{Base}/{culture}/support-points";
    public static string SupportPoint(string culture, string slug) => $"{Base}/{culture}/support-points/{slug}";
    public static string Stories(string culture) => $"{Base}/{culture}/stories";
    public static string Story(string culture, string slug) => $"{Base}/{culture}/stories/{slug}";
    public static string Pages(string culture) => $"{Base}/{culture}/pages";
    public static string Page(string culture, string slug) => $"{Base}/{culture}/pages/{slug}";
    public static string Changes => $"{Base}/changes";

    /// <summary>Where an item is in the API. A safety assessment lives under its guide's slug, so it needs that slug.</summary>
    public static string For(ContentKind kind, string culture, string slug, string? guideSlug = null)
        => ContentKinds.Of(kind).ApiUrl(culture, slug, guideSlug);
}
