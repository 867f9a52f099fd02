namespace Portal.Content;

/// <summary>
/// The closed set of things the portal publishes. What differs by kind (name, folder, URLs, fields type) is one row of
/// <see cref="ContentKinds.All"/>; kind-specific fields live in typed records, see <see cref="ContentFields"/>.
/// </summary>
public enum ContentKind
{
    CountryGuide = 1,
    SafetyAssessment = 2,
    SupportPoint = 3,
    Story = 4,
    Page = 5,
}
