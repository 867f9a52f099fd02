using System.ComponentModel;
using Portal.Content;

namespace Portal.Api;

/// <summary>One language of an item as the workspace sees it: its draft, its published revision and the version to send back as If-Match.</summary>
public sealed record ManagedTextDto(
    int ItemId,
    [property: Description("country-guide, safety-assessment, support-point, story or page.")] string Kind,
    string Key,
    string Culture,
    [property: Description("True for the source language (nl): only editors and administrators change it.")] bool IsSource,
    [property: Description("missing (no text in this language yet), draft, published or published-with-draft.")] string State,
    [property: Description("The concurrency token; the ETag is this number as \"v<version>\". Send it as If-Match.")] int Version,
    string? Slug,
    ManagedRevisionDto? Draft,
    ManagedRevisionDto? Published,
    [property: Description("For a translation: the source's published revision, which a new draft translates unless it names another.")] int? SourceRevisionId,
    IReadOnlyList<ScheduledDto> Scheduled);

public sealed record ManagedRevisionDto(
    int Id, int Number, string Title, string Summary,
    [property: Description("Markdown, raw HTML disabled.")] string Body,
    [property: Description("The kind's structured fields, with \"$kind\" first; null for pages.")] ContentFields? Fields,
    bool IsMajor, string? ChangeNote, DateOnly UpdatedOn, DateOnly? ReviewedOn, int? SourceRevisionId, bool HumanReviewed,
    string CreatedBy, DateTimeOffset CreatedAt,
    [property: Description("Changes a safety level that readers now see: published only after a Safety reviewer other than its author approves it in the workspace.")] bool NeedsSafetyApproval,
    IReadOnlyList<string> ApprovedBy);

public sealed record ScheduledDto(int RevisionId, DateTimeOffset DueAt, string By);

/// <summary>A new draft revision. Omit <c>fields</c> to keep the current ones (a translation always carries the source's levels, dates and addresses).</summary>
public sealed record DraftRequest(
    string? Title, string? Summary, string? Body, ContentFields? Fields,
    [property: Description("A major update needs a change note; it sets the \"updated\" date and makes translations outdated.")] bool IsMajor = false,
    string? ChangeNote = null,
    [property: Description("For a translation: the source revision it translates; default the source's published revision.")] int? SourceRevisionId = null,
    [property: Description("For a translation: reviewed by a human translator.")] bool HumanReviewed = false);

/// <summary>A new item: its first draft in the source language. For a country-guide, <c>safety</c> is its safety assessment (created with it).</summary>
public sealed record CreateRequest(
    [property: Description("Stable key for every language (a-z, 0-9, '-'); default: from the title.")] string? Key,
    [property: Description("The source language's slug; default: the key.")] string? Slug,
    string? Title, string? Summary, string? Body,
    [property: Description("The kind's structured fields with \"$kind\" first, as GET returns them; null for pages.")] ContentFields? Fields,
    [property: Description("country-guide only: the safety assessment's title, summary, body and fields (every level is set to individual). Default: the standard text saying there is no general assessment yet.")] CreateSafetyRequest? Safety = null);

public sealed record CreateSafetyRequest(string? Title, string? Summary, string? Body, ContentFields? Fields);

public sealed record PublishRequest([property: Description("Default: the current draft.")] int? RevisionId = null);

public sealed record ScheduleRequest(
    [property: Description("When, ISO 8601 with Z or an offset, e.g. 2026-12-01T09:00:00+01:00.")] string? At,
    [property: Description("Default: the current draft.")] int? RevisionId = null);

public sealed record UnpublishRequest(string? Reason = null);

/// <summary>202: nothing was published yet.</summary>
public sealed record AwaitingApprovalDto(string Status, string Message, int RevisionId);

/// <summary>An item across its languages: its addresses, whether it is retired, and the old slugs that still redirect to it.</summary>
public sealed record ManagedItemDto(
    int ItemId,
    [property: Description("country-guide, safety-assessment, support-point, story or page.")] string Kind,
    string Key,
    [property: Description("Set while the item is retired: off the reader site in every language; restore brings it back.")] RetiredDto? Retired,
    IReadOnlyList<ManagedItemTextDto> Texts);

public sealed record RetiredDto(DateTimeOffset At, string By, string Reason);

public sealed record ManagedItemTextDto(
    string Culture, string Slug,
    [property: Description("draft, published or published-with-draft.")] string State,
    [property: Description("Earlier slugs in this language: their addresses answer 301 to the current one.")] IReadOnlyList<string> OldSlugs);

public sealed record RenameRequest(
    [property: Description("Language code → new slug (a-z, 0-9, single hyphens). Languages left out keep their slug.")] IReadOnlyDictionary<string, string>? Slugs);

public sealed record RetireRequest([property: Description("Why the item is retired; required, kept in the audit log.")] string? Reason);
