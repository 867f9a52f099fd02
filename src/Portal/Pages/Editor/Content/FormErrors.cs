using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Portal.Content;

namespace Portal.Pages.Editor.Content;

/// <summary>Puts each <see cref="FieldError"/> beside its form field (ModelState under <c>Form.</c>), in the workspace's language.</summary>
public static class FormErrors
{
    /// <returns>The messages, for the summary at the top of the form.</returns>
    public static IReadOnlyList<string> Show(ModelStateDictionary state, IReadOnlyList<FieldError> errors, IStringLocalizer strings)
    {
        var messages = new List<string>();
        foreach (var e in errors)
        {
            var message = e.Message(strings);
            // A country's safety assessment is the new-item form's second form ("safety.title" is Safety.Title).
            state.AddModelError(e.Path.StartsWith("safety.", StringComparison.Ordinal)
                ? "Safety." + ContentForm.FieldName(e.Path["safety.".Length..]) : "Form." + ContentForm.FieldName(e.Path), message);
            messages.Add($"{FieldLabel(e.Path, strings)}: {message}");
        }
        return messages;
    }

    // The label a person sees for a path, for the summary: "Counsellor 2, e-mail" reads better than a path.
    private static string FieldLabel(string path, IStringLocalizer strings)
    {
        var name = ContentForm.FieldName(path.StartsWith("safety.", StringComparison.Ordinal) ? path["safety.".Length..] : path);
        var row = System.Text.RegularExpressions.Regex.Match(name, @"\[(\d+)\]");
        var key = name.Split('[')[0] switch
        {
            "Title" => "editor.title",
            "Summary" => "editor.summary",
            "Body" => "editor.body",
            "ChangeNote" => "editor.change-note",
            "Country" => "editor.country",
            "Guide" => "editor.guide",
            "Counsellors" => "support.counsellor",
            "OpeningHours" => "support.hours",
            "Exceptions" => "support.exceptions",
            "Region" => "support.region",
            "CityName" => "support.city-name",
            "Visits" => "support.visits",
            "Accessibility" => "support.accessibility",
            "Sources" => "content.sources",
            "Languages" => "support.languages",
            "Name" => "editor.story-name",
            "Slug" => "editor.slug",
            "Key" => "editor.key",
            var other when other.StartsWith("Consent", StringComparison.Ordinal) => "editor.consent-scope",
            _ => null,
        };
        var label = key is null ? name : strings[key].Value;
        return row.Success ? $"{label} ({strings["editor.row", int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1]})" : label;
    }
}
