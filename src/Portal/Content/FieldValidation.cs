namespace Portal.Content;

/// <summary>
/// The rules a kind's fields must meet, checked on the typed record whoever sends it: the workspace form (after reading its
/// own text format) and the management API. The importer shares the rules it has in common (<see cref="IsCountryCode"/>,
/// <see cref="IsWebAddress"/>) and reports them with file and line itself.
/// </summary>
public static class FieldValidation
{
    /// <summary>A problem with one field, named as the workspace form names it (Country, LegalSummary, OpeningHours…).</summary>
    public sealed record FieldError(string Field, string Message);

    /// <summary>
    /// The fields as they are stored (text trimmed, empty optional text null; sources and counsellors without a name and
    /// opening hours without days left out), or the problems that stop them. <paramref name="fields"/> is the kind's own
    /// record (<see cref="ContentKinds.OfFields"/>), or null.
    /// </summary>
    public static (ContentFields? Fields, IReadOnlyList<FieldError> Errors) Check(ContentKind kind, ContentFields? fields)
    {
        var info = ContentKinds.Of(kind);
        if (fields is not null && fields.GetType() != info.FieldsType)
            throw new ArgumentException($"A {info.Name} does not take {fields.GetType().Name}.", nameof(fields));
        if (fields is null)
            return info.FieldsType is null ? (null, []) : (null, [new("Fields", $"A {info.Name} needs its fields.")]);

        var errors = new List<FieldError>();
        ContentFields result = fields switch
        {
            CountryGuideFields g => new CountryGuideFields(Required(errors, g.CountryCode, "Country"), g.NextReview, Sources(errors, g.Sources)),
            SafetyFields s => new SafetyFields(Required(errors, s.CountryCode, "Country"), Required(errors, s.GuideKey, "Guide"), s.Effective, s.NextReview,
                Dimension(errors, s.Legal, "Legal"), Dimension(errors, s.Physical, "Physical"), Dimension(errors, s.Material, "Material"),
                Sources(errors, s.Sources)),
            SupportPointFields p => new SupportPointFields(Required(errors, p.City, "City"),
                Optional(p.Address), Optional(p.Postcode), Optional(p.Phone), Optional(p.Email),
                (p.Counsellors ?? []).Where(c => !string.IsNullOrWhiteSpace(c?.Name))
                    .Select(c => new Counsellor(c.Name.Trim(), Optional(c.Email), Optional(c.Phone))).ToList(),
                OpeningHours(errors, p.OpeningHours),
                (p.Languages ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList(),
                p.Verified),
            StoryFields s => new StoryFields(Required(errors, s.CountryCode, "Country"), Required(errors, s.GuideKey, "Guide"),
                Required(errors, s.Name, "Name"), s.Age,
                new StoryConsent(s.Consent?.Recorded ?? default, Required(errors, s.Consent?.Scope, "ConsentScope", "Consent scope"), s.Consent?.Expires)),
            _ => throw new ArgumentOutOfRangeException(nameof(fields), fields.GetType().Name, "No rules for these fields."),
        };
        // The code as sent, not trimmed: " GN" is refused, as the workspace form always did.
        var country = fields switch { CountryGuideFields g => g.CountryCode, SafetyFields s => s.CountryCode, StoryFields s => s.CountryCode, _ => null };
        if (country is { Length: > 0 } && !IsCountryCode(country))
            errors.Add(new("Country", "Country must be an ISO code such as GN."));
        return (errors.Count == 0 ? result : null, errors);
    }

    /// <summary>An ISO 3166-1 alpha-2 code, upper case: GN.</summary>
    public static bool IsCountryCode(string? code) => code is { Length: 2 } && code.All(char.IsAsciiLetterUpper);

    /// <summary>An absolute http(s) address.</summary>
    public static bool IsWebAddress(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http";

    /// <summary>The message for an opening-hours line that is neither days with two times nor "by appointment".</summary>
    public static string OpeningHoursProblem(string line) => $"Opening hours '{line}': write 'days | 09:00 | 17:00' or 'by appointment'.";

    private static string Required(List<FieldError> errors, string? value, string field, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, $"{label ?? field} is required."));
        return value?.Trim() ?? "";
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static SafetyDimension Dimension(List<FieldError> errors, SafetyDimension? d, string name) => new(d?.Level ?? default,
        Required(errors, d?.Summary, name + "Summary", name + " summary"), Required(errors, d?.Explanation, name + "Explanation", name + " explanation"));

    private static List<SourceRef> Sources(List<FieldError> errors, IReadOnlyList<SourceRef>? sources) => (sources ?? [])
        .Where(s => !string.IsNullOrWhiteSpace(s?.Title))
        .Select(s =>
        {
            var url = Optional(s.Url);
            if (url is not null && !IsWebAddress(url)) errors.Add(new("Sources", $"Source address '{url}' must start with https://."));
            return new SourceRef(s.Title.Trim(), url, s.Date);
        }).ToList();

    private static List<OpeningHours> OpeningHours(List<FieldError> errors, IReadOnlyList<OpeningHours>? hours) => (hours ?? [])
        .Where(h => h is not null && (h.ByAppointment || !string.IsNullOrWhiteSpace(h.Days)))
        .Select(h =>
        {
            if (h.ByAppointment) return new OpeningHours(null, null, null, true);
            var (days, from, to) = (Optional(h.Days), Optional(h.From), Optional(h.To));
            if (from is null || to is null)
                errors.Add(new("OpeningHours", OpeningHoursProblem(string.Join(" | ", new[] { days, from, to }.Reverse().SkipWhile(p => p is null).Reverse()))));
            return new OpeningHours(days, from, to, false);
        }).ToList();
}
