using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Portal;

/// <summary>Bound from "Portal". The culture list feeds request localization, the route constraint, the importer and the API.</summary>
public sealed class PortalOptions : IValidatableObject
{
    /// <summary>The source language every translation is made from; also the fallback.</summary>
    [Required]
    public string SourceCulture { get; set; } = "nl";

    [MinLength(1)]
    public List<string> Cultures { get; set; } = [];

    /// <summary>Folder of the content files; relative paths resolve against the content root. Empty: the repository's content/.</summary>
    public string? ContentPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Cultures.Contains(SourceCulture))
            yield return new ValidationResult($"Portal:Cultures must contain the source culture '{SourceCulture}'.");
        foreach (var c in Cultures)
        {
            CultureInfo? ci = null;
            try { ci = CultureInfo.GetCultureInfo(c, predefinedOnly: true); }
            catch (CultureNotFoundException) { }
            if (ci is null || c != c.ToLowerInvariant())
                yield return new ValidationResult($"Portal:Cultures: '{c}' is not a known lower-case culture name.");
        }
    }
}
