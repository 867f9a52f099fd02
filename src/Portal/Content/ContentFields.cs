using System.Text.Json.Serialization;

namespace Portal.Content;

/// <summary>
/// Fields that only one kind has. Typed records, stored with the revision as JSON, so a change to any
/// of them is a new revision like a change to the body. No generic field/block store. The discriminators are the kinds'
/// names in <see cref="ContentKinds.All"/> (attributes take constants only; ContentKindsTests checks that they agree).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(CountryGuideFields), "country-guide")]
[JsonDerivedType(typeof(SafetyFields), "safety-assessment")]
[JsonDerivedType(typeof(SupportPointFields), "support-point")]
[JsonDerivedType(typeof(StoryFields), "story")]
public abstract record ContentFields;

public sealed record SourceRef(string Title, string? Url, DateOnly? Date);

public sealed record CountryGuideFields(string CountryCode, DateOnly? NextReview, IReadOnlyList<SourceRef> Sources) : ContentFields;

public enum SafetyLevel
{
    /// <summary>Whether return is safe depends on the person's own situation: talk to a counsellor.</summary>
    Individual = 0,
    Low = 1,
    Elevated = 2,
    High = 3,
}

public static class SafetyLevels
{
    /// <summary>The UI string that names a level in the reader's or the editor's language ("safety.level.high").</summary>
    public static string LocaleKey(this SafetyLevel level) => "safety.level." + level.ToString().ToLowerInvariant();
}

public sealed record SafetyDimension(SafetyLevel Level, string Summary, string Explanation);

public sealed record SafetyFields(
    string CountryCode,
    string GuideKey,
    DateOnly Effective,
    DateOnly NextReview,
    SafetyDimension Legal,
    SafetyDimension Physical,
    SafetyDimension Material,
    IReadOnlyList<SourceRef> Sources) : ContentFields;

public sealed record Counsellor(string Name, string? Email, string? Phone);

/// <summary>
/// One weekday's opening time, HH:MM on a 24-hour clock, Amsterdam time. Revisions before 2026-12 stored a free-text
/// "days" and a "byAppointment" flag per line; those names are ignored on reading (no support point had hours then).
/// </summary>
public sealed record OpeningHours(DayOfWeek? Day, string? From, string? To);

/// <summary>A date whose hours differ from the week's: closed (no times, e.g. a public holiday) or open from/to.</summary>
public sealed record HoursException(DateOnly? Date, string? From, string? To)
{
    [JsonIgnore]
    public bool Closed => From is null && To is null;
}

/// <summary>How a visitor comes in. Null on the fields: not known.</summary>
public enum Visiting
{
    WalkIn = 1,
    ByAppointment = 2,
}

/// <summary>
/// A support point. Facts (address, phone, hours, region, languages spoken) come from the source text; the wording a
/// translation carries is <paramref name="CityName"/> (the city as readers of that language write it: "The Hague", "لاهاي";
/// null means <paramref name="City"/>, the Dutch postal name used in the address, route and contact card) and
/// <paramref name="Accessibility"/>. The parameters after <paramref name="Verified"/> came later: older revisions read them
/// as null (not known).
/// </summary>
public sealed record SupportPointFields(
    string City,
    string? Address,
    string? Postcode,
    string? Phone,
    string? Email,
    IReadOnlyList<Counsellor> Counsellors,
    IReadOnlyList<OpeningHours> OpeningHours,
    IReadOnlyList<string> Languages,
    DateOnly? Verified,
    string? Region = null,
    string? CityName = null,
    IReadOnlyList<HoursException>? Exceptions = null,
    Visiting? Visits = null,
    string? Accessibility = null) : ContentFields
{
    /// <summary>The city as this text's readers write it.</summary>
    [JsonIgnore]
    public string DisplayCity => CityName ?? City;

    [JsonIgnore]
    public IReadOnlyList<HoursException> HoursExceptions => Exceptions ?? [];
}

/// <summary>
/// A returnee's consent to publish their story, on record: who gave it, when (or explicitly "date unknown"), what it
/// covers, and until when (a date, or explicitly "until withdrawn"). <paramref name="Scope"/> is the wording of what was
/// agreed, translated with the text; the rest is a fact of the source. Older revisions lack the fields added later (null).
/// </summary>
public sealed record StoryConsent(
    DateOnly? Recorded,
    string Scope,
    DateOnly? Expires,
    string? GivenBy = null,
    bool DateUnknown = false,
    ConsentCovers? Covers = null,
    bool UntilWithdrawn = false);

/// <summary>What a consent covers: the story's text, the person's name, a photo, and the languages it may be shown in.</summary>
public sealed record ConsentCovers(bool Text, bool Name, bool Photo, IReadOnlyList<string> Languages);

public sealed record StoryFields(string CountryCode, string GuideKey, string Name, int? Age, StoryConsent Consent) : ContentFields;
