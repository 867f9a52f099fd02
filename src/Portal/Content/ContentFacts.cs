namespace Portal.Content;

/// <summary>
/// The one home of language-independent facts (safety levels, dates, addresses, phones, consent, country code): the
/// source language's published revision. A translation contributes only its wording; whatever else its own revision
/// carries is the source revision it was made from, kept for the editor and never shown to readers, so a published
/// source change reaches every language on the next request.
/// </summary>
public static class ContentFacts
{
    /// <summary>The three safety dimensions in the order readers see them.</summary>
    public static readonly IReadOnlyList<string> DimensionNames = ["legal", "physical", "material"];

    /// <summary>One safety dimension as a reader gets it: the current level, and wording in <see cref="Culture"/>.</summary>
    /// <param name="WordingPending">The translation's wording was made for an older level or text: the source's wording is shown instead.</param>
    public sealed record DimensionText(string Name, SafetyLevel Level, string Summary, string Explanation, string Culture, bool WordingPending);

    /// <summary>
    /// The fields readers get: facts from <paramref name="source"/> (the published source text; when there is none, the
    /// source revision the translation was made from), wording from <paramref name="text"/> where it is up to date.
    /// </summary>
    public static ContentFields? ForReaders(IPublishedText? source, IPublishedText text)
        => IsSourceText(source, text) ? text.Fields : Merge(Facts(source, text), text.Fields, text.TranslatedFromFields);

    /// <summary>The language-independent facts for a text: the published source's fields, else what the translation was made from.</summary>
    public static ContentFields? Facts(IPublishedText? source, IPublishedText text)
        => IsSourceText(source, text) ? text.Fields : source?.Fields ?? text.TranslatedFromFields ?? text.Fields;

    private static bool IsSourceText(IPublishedText? source, IPublishedText text)
        => (source is null && text.TranslatedFromFields is null) || (source is not null && source.Culture == text.Culture);

    /// <summary>
    /// Facts of <paramref name="facts"/> with the wording of <paramref name="wording"/>. A safety dimension keeps the
    /// translated wording only when the source dimension it was translated from (<paramref name="translatedFrom"/>) is the
    /// current one; otherwise the current source wording is used, never an old explanation under a new level.
    /// </summary>
    public static ContentFields? Merge(ContentFields? facts, ContentFields? wording, ContentFields? translatedFrom) => (facts, wording) switch
    {
        (SafetyFields s, SafetyFields t) => WithDimensions(s, (name, d) => IsCurrent(d, t.Get(name), (translatedFrom as SafetyFields)?.Get(name))
            ? d with { Summary = t.Get(name).Summary, Explanation = t.Get(name).Explanation }
            : d),
        (StoryFields s, StoryFields t) => s with { Consent = s.Consent with { Scope = t.Consent.Scope } },
        // The city's name is the translation's whenever it has one; an accessibility note only while the source's note is the
        // one it was translated from (a changed note is shown in the source language until the translation catches up).
        (SupportPointFields s, SupportPointFields t) => s with
        {
            CityName = t.CityName ?? s.CityName,
            Accessibility = translatedFrom is SupportPointFields m && m.Accessibility != s.Accessibility ? s.Accessibility : t.Accessibility ?? s.Accessibility,
        },
        _ => facts,
    };

    /// <summary>What a translation stores when saved or imported: the source's facts with its own wording (all of it, for the editor's form).</summary>
    public static ContentFields? ForTranslation(ContentFields? source, ContentFields? translated) => (source, translated) switch
    {
        (SafetyFields s, SafetyFields t) => WithDimensions(s, (name, d) => d with { Summary = t.Get(name).Summary, Explanation = t.Get(name).Explanation }),
        (StoryFields s, StoryFields t) => s with { Consent = s.Consent with { Scope = t.Consent.Scope } },
        (SupportPointFields s, SupportPointFields t) => s with { CityName = t.CityName, Accessibility = t.Accessibility },
        _ => source,
    };

    /// <summary>The three dimensions as a reader of <paramref name="text"/> gets them, each with the culture of its wording.</summary>
    public static IReadOnlyList<DimensionText> SafetyDimensions<T>(Localized<T> text) where T : IPublishedText
    {
        if (Facts(text.Source, text.Text) is not SafetyFields facts) return [];
        var own = text.Text.Fields as SafetyFields;
        var madeFrom = text.Text.TranslatedFromFields as SafetyFields;
        var translated = text.Text.Culture != text.SourceCulture && own is not null;
        return DimensionNames.Select(name =>
        {
            var current = facts.Get(name);
            if (!translated) return new DimensionText(name, current.Level, current.Summary, current.Explanation, text.Text.Culture, false);
            var mine = own!.Get(name);
            return IsCurrent(current, mine, madeFrom?.Get(name))
                ? new DimensionText(name, current.Level, mine.Summary, mine.Explanation, text.Text.Culture, false)
                : new DimensionText(name, current.Level, current.Summary, current.Explanation, text.SourceCulture, true);
        }).ToList();
    }

    public static SafetyDimension Get(this SafetyFields fields, string name) => name switch
    {
        "legal" => fields.Legal,
        "physical" => fields.Physical,
        "material" => fields.Material,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "A safety dimension is legal, physical or material."),
    };

    private static SafetyFields WithDimensions(SafetyFields s, Func<string, SafetyDimension, SafetyDimension> dimension)
        => s with { Legal = dimension("legal", s.Legal), Physical = dimension("physical", s.Physical), Material = dimension("material", s.Material) };

    /// <summary>
    /// The translated wording still fits the source dimension: it was made from this very level and text. Without a
    /// record of what it was made from, a different level means it does not.
    /// </summary>
    private static bool IsCurrent(SafetyDimension source, SafetyDimension translated, SafetyDimension? translatedFrom)
        => translatedFrom is not null ? translatedFrom == source : translated.Level == source.Level;
}
