namespace Portal.Content;

/// <summary>
/// One row of <see cref="ContentKinds.All"/>: what the rest of the code needs to know about a kind, so that no feature
/// keeps a switch of its own.
/// </summary>
/// <param name="Name">The spelling in front matter, URLs, cache tags, feeds and the management API (lower-case kebab).</param>
/// <param name="Folder">Its folder under <c>content/</c>.</param>
/// <param name="FieldsType">Its <see cref="ContentFields"/> record (named <paramref name="Name"/> in JSON's <c>$kind</c>); null: it has no fields.</param>
/// <param name="Reader">The reader site's address of a text, from its culture and slug (see <see cref="UnderGuide"/>).</param>
/// <param name="Api">The delivery API's address of a text, likewise.</param>
/// <param name="LanguageIndependent">The fields that follow the source language in every translation (<see cref="ContentFacts"/>); the rest is wording.</param>
public sealed record ContentKindInfo(
    ContentKind Kind, string Name, string Folder, Type? FieldsType,
    Func<string, string, string> Reader, Func<string, string, string> Api, string LanguageIndependent)
{
    /// <summary>Read at its country guide's address: its URLs take the guide's slug, not its own (a safety assessment).</summary>
    public bool UnderGuide { get; init; }

    /// <summary>False: readers find it as a section of a list page (a support point), so the sitemap does not list it.</summary>
    public bool OwnReaderPage { get; init; } = true;

    /// <summary>Carries a "reviewed" date: required in its content files, set to the first draft's day in the workspace.</summary>
    public bool Reviewed { get; init; }

    /// <summary>Where a text is read. For a kind read under its guide, pass the guide's slug (without it, the text's own slug is used).</summary>
    public string ReaderUrl(string culture, string slug, string? guideSlug = null) => Reader(culture, Address(slug, guideSlug));

    /// <summary>Where a text is in the delivery API; <paramref name="guideSlug"/> as for <see cref="ReaderUrl"/>.</summary>
    public string ApiUrl(string culture, string slug, string? guideSlug = null) => Api(culture, Address(slug, guideSlug));

    private string Address(string slug, string? guideSlug) => UnderGuide ? guideSlug ?? slug : slug;
}

/// <summary>
/// The table of content kinds. Adding a kind: its <see cref="ContentKind"/> value, its row here, its fields record with a
/// <c>JsonDerivedType</c> on <see cref="ContentFields"/> named like the row, its rules in <see cref="FieldValidation"/>,
/// and its reader page and API endpoint. A value without a row is an error wherever it is used, never a page.
/// </summary>
public static class ContentKinds
{
    // Kind, name, folder, fields type, reader URL, API URL, language-independent fields; then what only some kinds are.
    public static readonly IReadOnlyList<ContentKindInfo> All =
    [
        new(ContentKind.CountryGuide, "country-guide", "countries", typeof(CountryGuideFields), ReaderUrls.Country, ApiUrls.Country,
            "all: country code, next review date, sources") { Reviewed = true },
        new(ContentKind.SafetyAssessment, "safety-assessment", "safety", typeof(SafetyFields), ReaderUrls.Safety, ApiUrls.Safety,
            "all but each dimension's summary and explanation: country code, guide, dates, levels, sources") { UnderGuide = true, Reviewed = true },
        new(ContentKind.SupportPoint, "support-point", "support-points", typeof(SupportPointFields), ReaderUrls.SupportPoint, ApiUrls.SupportPoint,
            "all: city, address, phone, e-mail, counsellors, opening hours, languages, verified date") { OwnReaderPage = false },
        new(ContentKind.Story, "story", "stories", typeof(StoryFields), ReaderUrls.Story, ApiUrls.Story,
            "all but the consent scope: country code, guide, name, age, consent dates"),
        new(ContentKind.Page, "page", "pages", null, ReaderUrls.Page, ApiUrls.Page, "none (a page has no fields)"),
    ];

    private static readonly Dictionary<ContentKind, ContentKindInfo> ByKind = All.ToDictionary(k => k.Kind);
    private static readonly Dictionary<string, ContentKindInfo> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The kinds' names, as a list for messages: "country-guide, safety-assessment, …".</summary>
    public static string Names => string.Join(", ", All.Select(k => k.Name));

    /// <summary>The row of a kind; a value outside the table throws.</summary>
    public static ContentKindInfo Of(ContentKind kind) => ByKind.TryGetValue(kind, out var info) ? info
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a content kind: every kind has a row in ContentKinds.All.");

    /// <summary>The kind whose fields record this is; null for a record no kind has.</summary>
    public static ContentKind? OfFields(ContentFields fields) => All.FirstOrDefault(k => k.FieldsType == fields.GetType())?.Kind;

    public static string ToKebab(this ContentKind kind) => Of(kind).Name;

    public static bool TryParse(string? value, out ContentKind kind)
    {
        var found = ByName.TryGetValue(value ?? "", out var info);
        kind = found ? info!.Kind : default;
        return found;
    }
}
