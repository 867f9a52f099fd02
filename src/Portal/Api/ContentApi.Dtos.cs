using System.ComponentModel;
using System.Text.Json.Serialization;
using Portal.Content;

namespace Portal.Api;

// The delivery API's response records. Entities never leave the query: handlers project PublishedText/PublishedSummary
// (see ContentQueries) into these. URLs are root-relative ("/api/v1/fr/countries/guinea"); resolve them against the
// address the API was fetched from.

/// <summary>A response whose newest text was published at <see cref="LastModified"/>; sent as the Last-Modified header, not in the body.</summary>
public interface IHasLastModified
{
    DateTimeOffset? LastModified { get; }
}

[Description("Which language a text was asked for and served in, and how it stands against the Dutch source text.")]
public sealed record LanguageStatusDto(
    [property: Description("The language asked for in the URL.")] string Requested,
    [property: Description("The language of the text served: the requested one, or the source language (nl) when the translation is missing.")] string Served,
    [property: Description("True when there is no published translation and the source text is served instead.")] bool TranslationMissing,
    [property: Description("True when the source text had a major update after this translation was made.")] bool Outdated,
    [property: Description("When outdated: the date the source text changed.")] DateOnly? SourceUpdated,
    [property: Description("False while a translation has not been reviewed by a human translator.")] bool HumanReviewed);

[Description("The same item in another language.")]
public sealed record AlternateDto(string Culture, [property: Description("API URL.")] string Self, [property: Description("Reader page URL.")] string Page);

public sealed record LinksDto(
    [property: Description("This item in the API, in the requested language.")] string Self,
    [property: Description("The reader page of this item in the requested language.")] string Page,
    [property: Description("Every language the item is published in.")] IReadOnlyList<AlternateDto> Alternates);

[Description("Links of an item embedded in another response.")]
public sealed record RefLinksDto(string Self, string Page);

public sealed record SourceDto(string Title, string? Url, DateOnly? Date);

[Description("One ## section of a guide: its anchor id, heading and the HTML below the heading.")]
public sealed record SectionDto(string Id, string Heading, string Html);

// Languages

public sealed record LanguageLinksDto(string Countries, string Home, [property: Description("The site-wide Atom feed in this language.")] string Feed);

public sealed record LanguageDto(
    [property: Description("BCP-47 code used in every URL.")] string Code,
    [property: Description("The language's own name.")] string Name,
    string EnglishName,
    [property: Description("ltr or rtl.")] string Direction,
    [property: Description("True for the language every translation is made from (and falls back to).")] bool IsSource,
    LanguageLinksDto Links);

public sealed record LanguageListDto(string SourceLanguage, IReadOnlyList<LanguageDto> Languages);

// Countries and safety

public sealed record CountrySummaryDto(
    string Key, string CountryCode, string Slug, string Title, string Summary,
    [property: Description("Date of the last major update of the text.")] DateOnly Updated,
    LanguageStatusDto Language, LinksDto Links);

public sealed record CountryListDto(
    string Culture, IReadOnlyList<CountrySummaryDto> Items,
    [property: Description(ListPaging.NextFieldDoc)] string? Next,
    [property: Description(ListPaging.HasMoreDoc)] bool HasMore,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

[Description("A dimension's current level (the same in every language) and its summary.")]
public sealed record SafetyDimensionSummaryDto(
    SafetyLevel Level, string Summary,
    [property: Description("Language of the summary: the requested one, or the source language while its translation is being updated.")] string Language,
    [property: Description("True when the translation of this dimension was made for an older level or text, so the source wording is given.")] bool TranslationPending);

[Description("The country's safety assessment in short; the full text and history are at links.self.")]
public sealed record SafetySummaryDto(
    string Title, DateOnly Effective, DateOnly NextReview, DateOnly Updated,
    SafetyDimensionSummaryDto Legal, SafetyDimensionSummaryDto Physical, SafetyDimensionSummaryDto Material,
    LanguageStatusDto Language, RefLinksDto Links);

public sealed record StoryRefDto(string Key, string Slug, string Title, string Summary, DateOnly Updated, LanguageStatusDto Language, RefLinksDto Links);

public sealed record CountryDto(
    string Key, string CountryCode, string Slug, string Title, string Summary,
    [property: Description("Date of the last major update of the text.")] DateOnly Updated,
    [property: Description("Date the content was last checked against the situation.")] DateOnly? Reviewed,
    DateOnly? NextReview, LanguageStatusDto Language,
    [property: Description("HTML before the first section.")] string IntroHtml,
    IReadOnlyList<SectionDto> Sections,
    IReadOnlyList<SourceDto> Sources,
    LatestUpdateDto? LatestUpdate,
    SafetySummaryDto? Safety,
    IReadOnlyList<StoryRefDto> Stories,
    [property: Description(MediaDto.ListDoc)] IReadOnlyList<MediaDto> Media,
    LinksDto Links,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

[Description("A dimension's current level (the same in every language) with its summary and explanation.")]
public sealed record SafetyDimensionDto(
    SafetyLevel Level, string Summary, string Explanation,
    [property: Description("Language of the summary and explanation: the requested one, or the source language while their translation is being updated.")] string Language,
    [property: Description("True when the translation of this dimension was made for an older level or text, so the source wording is given.")] bool TranslationPending);

[Description("The newest major update of the guide or its safety assessment, as readers see it at the top of the guide.")]
public sealed record LatestUpdateDto(
    [property: Description("country-guide or safety-assessment: which text changed.")] string Part, DateOnly Date, string Note,
    [property: Description("Language of the note: the requested one, or the source language when not translated.")] string NoteCulture);

[Description("One major update of the assessment, with its change note in the requested language where translated.")]
public sealed record SafetyChangeDto(DateOnly Date, string Note, [property: Description("Language of the note: the requested one, or the source language when not translated.")] string NoteCulture);

public sealed record CountryRefDto(string Slug, string Title, RefLinksDto Links);

public sealed record SafetyDto(
    string Key, string CountryCode, string Title, string Summary,
    DateOnly Updated, DateOnly? Reviewed, DateOnly Effective, DateOnly NextReview,
    SafetyDimensionDto Legal, SafetyDimensionDto Physical, SafetyDimensionDto Material,
    string BodyHtml, IReadOnlyList<SourceDto> Sources,
    [property: Description("Every major update, newest first.")] IReadOnlyList<SafetyChangeDto> History,
    CountryRefDto Country, LanguageStatusDto Language, [property: Description(MediaDto.ListDoc)] IReadOnlyList<MediaDto> Media, LinksDto Links,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

// Support points

public sealed record CounsellorDto(string Name, string? Email, string? Phone, [property: Description("The phone number as a tel: URI.")] string? Tel);

public sealed record OpeningHoursDto(
    [property: Description("The weekday.")] DayOfWeek? Day,
    [property: Description("Opening time, HH:MM, Amsterdam time.")] string? From,
    [property: Description("Closing time, HH:MM, Amsterdam time.")] string? To);

public sealed record HoursExceptionDto(
    DateOnly? Date,
    [property: Description("True when closed all day (then no times).")] bool Closed,
    string? From, string? To);

public sealed record SupportPointDto(
    string Key, string Slug, string Title, string Summary, string BodyHtml,
    [property: Description("The city's Dutch name, as in the postal address.")] string City,
    [property: Description("The city as readers of this language write it (The Hague, لاهاي).")] string CityName,
    [property: Description("The province (one of the twelve, e.g. zuid-holland); null when not known.")] string? Region,
    string? Address, string? Postcode, string? Phone,
    [property: Description("The phone number as an international tel: URI.")] string? Tel,
    string? Email, IReadOnlyList<CounsellorDto> Counsellors,
    [property: Description("Weekly opening hours, Amsterdam time; empty when not known.")] IReadOnlyList<OpeningHoursDto> OpeningHours,
    [property: Description("Dates whose hours differ from the week's (closed on a holiday).")] IReadOnlyList<HoursExceptionDto> HoursExceptions,
    [property: Description("walk-in or by-appointment; null when not known.")] Visiting? Visits,
    [property: Description("Languages spoken, as BCP 47 codes (nl, ar, ckb); empty when not known.")] IReadOnlyList<string> Languages,
    [property: Description("Accessibility notes in this language; null when none are known.")] string? Accessibility,
    [property: Description("Date the details were last verified.")] DateOnly? Verified,
    [property: Description("A vCard of the support point.")] string ContactCard,
    DateOnly Updated, LanguageStatusDto Language, [property: Description(MediaDto.ListDoc)] IReadOnlyList<MediaDto> Media, LinksDto Links,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

public sealed record SupportPointListDto(
    string Culture,
    [property: Description("The city filter applied, if any.")] string? City,
    [property: Description("Every city with a support point, for a filter.")] IReadOnlyList<string> Cities,
    [property: Description("The province filter applied, if any.")] string? Region,
    [property: Description("Every province with a support point, for a filter.")] IReadOnlyList<string> Regions,
    [property: Description("The language filter applied, if any: points that speak it and points whose languages are not known.")] string? LanguageSpoken,
    IReadOnlyList<SupportPointDto> Items,
    [property: Description(ListPaging.NextFieldDoc)] string? Next,
    [property: Description(ListPaging.HasMoreDoc)] bool HasMore,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

// Stories

public sealed record StorySummaryDto(
    string Key, string Slug, string CountryCode, string Name, int? Age, string Title, string Summary,
    DateOnly Updated, LanguageStatusDto Language, LinksDto Links);

public sealed record StoryListDto(
    string Culture, IReadOnlyList<StorySummaryDto> Items,
    [property: Description(ListPaging.NextFieldDoc)] string? Next,
    [property: Description(ListPaging.HasMoreDoc)] bool HasMore,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

public sealed record StoryDto(
    string Key, string Slug, string CountryCode, string Name, int? Age, string Title, string Summary, string BodyHtml,
    [property: Description("Date the person's consent to publish was recorded; null when the date is not known (the consent is on record without it).")] DateOnly? ConsentRecorded,
    CountryRefDto? Country, DateOnly Updated, LanguageStatusDto Language, [property: Description(MediaDto.ListDoc)] IReadOnlyList<MediaDto> Media, LinksDto Links,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

// Media

[Description("An image, video or document the body shows, in the order it first appears: absolute, immutable URLs and texts in the requested language.")]
public sealed record MediaDto(
    [property: Description("The media item's key, as bodies name it.")] string Key,
    [property: Description("image, video or document.")] string Kind,
    [property: Description("An image's alt text or a document's title in the requested language, or the source language's (nl) when it is not translated yet; empty for a video.")] string Alt,
    [property: Description("The language of alt.")] string AltLanguage,
    [property: Description("True when alt is the source language's text standing in for a missing translation.")] bool AltFallback,
    [property: Description("Width of the widest copy (a video: of the video), in pixels; 0 for a document.")] int Width,
    [property: Description("Height of the widest copy (a video: of the video), in pixels; 0 for a document.")] int Height,
    [property: Description("An image's copies, narrowest first: WebP and JPEG in each width; empty for a video or document.")] IReadOnlyList<MediaVariantDto> Variants,
    [property: Description("A video's file, poster, subtitle tracks and transcript; null for an image or document.")] MediaVideoDto? Video = null,
    [property: Description("A document's file in the requested language, or the source language's; null for an image or video.")] MediaDocumentDto? Document = null)
{
    public const string ListDoc = "The images, videos and documents the body shows (empty when none), with their URLs and texts in the requested language.";
}

public sealed record MediaVariantDto(
    [property: Description("Absolute URL; its content never changes (a new file gets a new URL).")] string Url,
    string ContentType, int Width, int Height);

public sealed record MediaVideoDto(
    [property: Description("Absolute URL of the video file (served with HTTP range requests); its content never changes.")] string Url,
    [property: Description("video/mp4 or video/webm.")] string ContentType,
    [property: Description("Absolute URL of the poster image (a JPEG copy), shown before it plays.")] string? Poster,
    [property: Description("One WebVTT subtitle track per language that has one; default marks the requested language's, else the source language's.")] IReadOnlyList<MediaTrackDto> Tracks,
    [property: Description("The transcript (plain text, paragraphs separated by a blank line) in the requested language, or the source language's.")] string? Transcript,
    [property: Description("The language of transcript.")] string? TranscriptLanguage);

public sealed record MediaTrackDto(
    [property: Description("The subtitles' language.")] string Language,
    [property: Description("Absolute URL of the WebVTT file (text/vtt); its content never changes.")] string Url,
    [property: Description("True for the track a player shows first.")] bool Default);

public sealed record MediaDocumentDto(
    [property: Description("Absolute URL of the PDF (served as a download); its content never changes.")] string Url,
    [property: Description("The PDF's language: the requested one, or the source language's when there is no file in it.")] string Language,
    [property: Description("Size in bytes.")] long Size);

// Pages

public sealed record PageSummaryDto(string Key, string Slug, string Title, string Summary, DateOnly Updated, LanguageStatusDto Language, LinksDto Links);

public sealed record PageListDto(
    string Culture, IReadOnlyList<PageSummaryDto> Items,
    [property: Description(ListPaging.NextFieldDoc)] string? Next,
    [property: Description(ListPaging.HasMoreDoc)] bool HasMore,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

public sealed record PageDto(
    string Key, string Slug, string Title, string Summary, string BodyHtml,
    DateOnly Updated, LanguageStatusDto Language, [property: Description(MediaDto.ListDoc)] IReadOnlyList<MediaDto> Media, LinksDto Links,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;

// Change feed

public enum ChangeAction
{
    /// <summary>The text became visible (first publication, or again after being withdrawn).</summary>
    Published,
    /// <summary>A new revision replaced the published one.</summary>
    Updated,
    /// <summary>The text was withdrawn; readers of that language now get the source text.</summary>
    Unpublished,
}

[Description("One publication event of one item in one language.")]
public sealed record ChangeDto(
    ChangeAction Action, ContentKind Kind, string Key, string Culture, string Slug,
    [property: Description("The revision published (null when unpublished).")] int? Revision,
    [property: Description("True for a major update: translations of a source text become outdated, the Atom feeds get an entry.")] bool Major,
    DateTimeOffset At, RefLinksDto Links);

public sealed record ChangeListDto(
    IReadOnlyList<ChangeDto> Changes,
    [property: Description("Pass as ?since= to get what happened after these changes (the same cursor when there was nothing new).")] string Next,
    [property: Description("True when there are more changes after Next: ask again at once.")] bool HasMore,
    [property: JsonIgnore] DateTimeOffset? LastModified) : IHasLastModified;
