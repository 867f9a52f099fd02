namespace Portal.Content.Editing;

/// <summary>The two-person rule: which revisions change a safety level, and whose approval counts.</summary>
public static class SafetyRules
{
    /// <summary>
    /// True when publishing <paramref name="candidate"/> would change any of the three levels readers now see (or put
    /// levels in front of readers for the first time).
    /// </summary>
    public static bool ChangesLevels(ContentFields? candidate, ContentFields? published)
    {
        if (candidate is not SafetyFields c) return false;
        if (published is not SafetyFields p) return true;
        return c.Legal.Level != p.Legal.Level || c.Physical.Level != p.Physical.Level || c.Material.Level != p.Material.Level;
    }

    /// <summary>
    /// Only a source revision needs sign-off: readers of every language get the source's levels (<see cref="ContentFacts"/>),
    /// so a translation cannot change one, and its copy of them never asks for a second approval.
    /// </summary>
    public static bool NeedsApproval(string culture, string sourceCulture, ContentFields? candidate, ContentFields? published)
        => culture == sourceCulture && ChangesLevels(candidate, published);
}
