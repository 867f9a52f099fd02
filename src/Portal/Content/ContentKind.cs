namespace Portal.Content;

/// <summary>The closed set of things the portal publishes. Kind-specific fields live in typed records, see <see cref="ContentFields"/>.</summary>
public enum ContentKind
{
    CountryGuide = 1,
    SafetyAssessment = 2,
    SupportPoint = 3,
    Story = 4,
    Page = 5,
}

public static class ContentKinds
{
    // The spelling used in front matter, URLs and cache tags (lower-case kebab).
    public static string ToKebab(this ContentKind kind) => kind switch
    {
        ContentKind.CountryGuide => "country-guide",
        ContentKind.SafetyAssessment => "safety-assessment",
        ContentKind.SupportPoint => "support-point",
        ContentKind.Story => "story",
        ContentKind.Page => "page",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? value, out ContentKind kind)
    {
        foreach (var k in Enum.GetValues<ContentKind>())
        {
            if (string.Equals(k.ToKebab(), value, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
