namespace Portal.Content;

/// <summary>When a story may be shown: its consent, on record, and the organisation's day (Amsterdam), not the server's.</summary>
public static class StoryRules
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Today in Amsterdam: a consent that ends on 3 December is gone from 00:00 on 4 December there.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Amsterdam).DateTime);

    /// <summary>The moment a consent's last day ends (midnight after it in Amsterdam), as UTC; null without an end date.</summary>
    public static DateTimeOffset? EndsAt(ContentFields? fields)
    {
        if (fields is not StoryFields { Consent.Expires: { } last }) return null;
        var midnight = last.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Amsterdam.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>A story is shown only with recorded consent, and no longer once that consent has expired.</summary>
    public static bool IsVisible(ContentFields? fields, DateOnly today)
        => fields is StoryFields { Consent: var consent } && (consent.Expires is null || consent.Expires >= today);

    /// <summary>
    /// Why a story revision may not be published in a language (null: it may): its consent must be complete
    /// (<see cref="FieldValidation"/>), cover the text and this language, and not have ended.
    /// </summary>
    public static FieldError? PublishProblem(ContentFields? fields, string culture, DateOnly today)
    {
        if (fields is not StoryFields story) return null;
        var (_, errors) = FieldValidation.Check(ContentKind.Story, story);
        if (errors.FirstOrDefault(e => e.Path.StartsWith("fields.consent", StringComparison.Ordinal)) is { } incomplete) return incomplete;
        if (story.Consent.Covers?.Languages.Contains(culture) != true) return new("fields.consent.covers.languages", "editor.error.consent-culture", culture);
        return IsVisible(story, today) ? null : new("fields.consent.expires", "editor.error.consent-ended");
    }
}
