using Microsoft.Extensions.Localization;
using Portal.Content.Editing;

namespace Portal.Localization;

/// <summary>What an editing command said (<see cref="EditResult.Message"/>, a key of locales/editor/), in words.</summary>
public static class EditMessages
{
    public static string Say(this IStringLocalizer t, EditResult result)
    {
        if (result.Message is not { } key) return "";
        // A text that is not a key (a field rule's own sentence) comes back as it is, and is not a format string.
        return result.Arguments is { Length: > 0 } args ? t[key, args].Value : t[key].Value;
    }
}
