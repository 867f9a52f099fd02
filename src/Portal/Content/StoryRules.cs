namespace Portal.Content;

public static class StoryRules
{
    /// <summary>A story is shown only with recorded consent, and no longer once that consent has expired.</summary>
    public static bool IsVisible(ContentFields? fields, DateOnly today)
        => fields is StoryFields { Consent: var consent } && (consent.Expires is null || consent.Expires >= today);
}
