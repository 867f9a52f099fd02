namespace Portal.Content;

/// <summary>The reader site's URL scheme in one place: pages, hreflang, the sitemap and the language switcher all build links here.</summary>
public static class ReaderUrls
{
    public static string Home(string culture) => $"/{culture}/";
    public static string Countries(string culture) => $"/{culture}/countries";
    public static string Country(string culture, string slug) => $"/{culture}/countries/{slug}";
    /// <summary>A copy to keep: "print" (for paper) or "offline" (one self-contained file to download).</summary>
    public static string CountryCopy(string culture, string guideSlug, string copy) => $"/{culture}/countries/{guideSlug}/{copy}";
    public static string Safety(string culture, string guideSlug) => $"/{culture}/countries/{guideSlug}/safety";
    public static string SupportPoints(string culture) => $"/{culture}/support-points";
    public static string SupportPoint(string culture, string slug) => $"{SupportPoints(culture)}#{slug}";
    public static string ContactCard(string culture, string slug) => $"/{culture}/support-points/{slug}.vcf";
    public static string Stories(string culture) => $"/{culture}/stories";
    public static string Story(string culture, string slug) => $"/{culture}/stories/{slug}";
    public static string Page(string culture, string slug) => $"/{culture}/{slug}";
    public static string Search(string culture) => $"/{culture}/search";
    public static string SiteFeed(string culture) => $"/{culture}/feed.atom";
    public static string CountryFeed(string culture, string guideSlug) => $"/{culture}/countries/{guideSlug}/feed.atom";

    /// <summary>Where an item is read. A safety assessment lives under its guide's slug, so it needs that slug.</summary>
    public static string For(ContentKind kind, string culture, string slug, string? guideSlug = null)
        => ContentKinds.Of(kind).ReaderUrl(culture, slug, guideSlug);
}
