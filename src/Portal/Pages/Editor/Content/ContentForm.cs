using System.Globalization;
using Portal.Content;

namespace Portal.Pages.Editor.Content;

/// <summary>
/// The edit form as posted: common text plus every kind's structured fields as plain strings (lists one per line,
/// parts separated by '|'), converted to and from the typed <see cref="ContentFields"/> records here.
/// </summary>
public sealed class ContentForm
{
    public int Version { get; set; }
    public int? SourceRevisionId { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Body { get; set; }
    public bool IsMajor { get; set; }
    public string? ChangeNote { get; set; }
    public bool HumanReviewed { get; set; }
    public DateTime? ScheduleAt { get; set; }

    // Country guide, safety assessment, story
    public string? Country { get; set; }
    public string? Guide { get; set; }
    public DateOnly? NextReview { get; set; }
    public string? Sources { get; set; }

    // Safety assessment
    public DateOnly? Effective { get; set; }
    public SafetyLevel LegalLevel { get; set; }
    public string? LegalSummary { get; set; }
    public string? LegalExplanation { get; set; }
    public SafetyLevel PhysicalLevel { get; set; }
    public string? PhysicalSummary { get; set; }
    public string? PhysicalExplanation { get; set; }
    public SafetyLevel MaterialLevel { get; set; }
    public string? MaterialSummary { get; set; }
    public string? MaterialExplanation { get; set; }

    // Support point
    public string? City { get; set; }
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Counsellors { get; set; }
    public string? OpeningHours { get; set; }
    public string? Languages { get; set; }
    public DateOnly? Verified { get; set; }

    // Story
    public string? Name { get; set; }
    public int? Age { get; set; }
    public DateOnly? ConsentRecorded { get; set; }
    public string? ConsentScope { get; set; }
    public DateOnly? ConsentExpires { get; set; }

    public static ContentForm From(ContentRevision r, int version)
    {
        var f = new ContentForm { Version = version, Title = r.Title, Summary = r.Summary, Body = r.BodyMarkdown, HumanReviewed = r.HumanReviewed };
        f.Load(r.Fields);
        return f;
    }

    public void Load(ContentFields? fields)
    {
        switch (fields)
        {
            case CountryGuideFields g:
                (Country, NextReview, Sources) = (g.CountryCode, g.NextReview, Lines(g.Sources.Select(SourceLine)));
                break;
            case SafetyFields s:
                (Country, Guide, Effective, NextReview, Sources) = (s.CountryCode, s.GuideKey, s.Effective, s.NextReview, Lines(s.Sources.Select(SourceLine)));
                (LegalLevel, LegalSummary, LegalExplanation) = (s.Legal.Level, s.Legal.Summary, s.Legal.Explanation);
                (PhysicalLevel, PhysicalSummary, PhysicalExplanation) = (s.Physical.Level, s.Physical.Summary, s.Physical.Explanation);
                (MaterialLevel, MaterialSummary, MaterialExplanation) = (s.Material.Level, s.Material.Summary, s.Material.Explanation);
                break;
            case SupportPointFields p:
                (City, Address, Postcode, Phone, Email, Verified) = (p.City, p.Address, p.Postcode, p.Phone, p.Email, p.Verified);
                Counsellors = Lines(p.Counsellors.Select(c => Join(c.Name, c.Email, c.Phone)));
                OpeningHours = Lines(p.OpeningHours.Select(h => h.ByAppointment ? "by appointment" : Join(h.Days, h.From, h.To)));
                Languages = string.Join(", ", p.Languages);
                break;
            case StoryFields s:
                (Country, Guide, Name, Age) = (s.CountryCode, s.GuideKey, s.Name, s.Age);
                (ConsentRecorded, ConsentScope, ConsentExpires) = (s.Consent.Recorded, s.Consent.Scope, s.Consent.Expires);
                break;
        }
    }

    /// <summary>
    /// The typed fields for a kind, or the problems that stop them (shown beside the form): this form's text format is read
    /// here, the rules the fields must meet are <see cref="FieldValidation"/>'s.
    /// </summary>
    public (ContentFields? Fields, List<string> Errors) ToFields(ContentKind kind)
    {
        var format = new List<string>();
        ContentFields? fields = kind switch
        {
            ContentKind.CountryGuide => new CountryGuideFields(Country ?? "", NextReview, ParseSources(format)),
            ContentKind.SafetyAssessment => new SafetyFields(Country ?? "", Guide ?? "",
                Effective ?? Missing(format, "Effective date"), NextReview ?? Missing(format, "Next review date"),
                new SafetyDimension(LegalLevel, LegalSummary ?? "", LegalExplanation ?? ""),
                new SafetyDimension(PhysicalLevel, PhysicalSummary ?? "", PhysicalExplanation ?? ""),
                new SafetyDimension(MaterialLevel, MaterialSummary ?? "", MaterialExplanation ?? ""),
                ParseSources(format)),
            ContentKind.SupportPoint => new SupportPointFields(City ?? "", Address, Postcode, Phone, Email,
                Split(Counsellors).Select(p => new Counsellor(p[0], p.ElementAtOrDefault(1), p.ElementAtOrDefault(2))).ToList(),
                ParseHours(format), (Languages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(), Verified),
            ContentKind.Story => new StoryFields(Country ?? "", Guide ?? "", Name ?? "", Age,
                new StoryConsent(ConsentRecorded ?? Missing(format, "Consent date"), ConsentScope ?? "", ConsentExpires)),
            ContentKind.Page => null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No form fields for this kind."),
        };
        var (valid, errors) = FieldValidation.Check(kind, fields);
        return (valid, [.. errors.Select(e => e.Message), .. format]);
    }

    private static DateOnly Missing(List<string> errors, string name)
    {
        errors.Add($"{name} is required.");
        return default;
    }

    private List<SourceRef> ParseSources(List<string> errors) => Split(Sources).Select(p =>
    {
        DateOnly? date = null;
        if (p.ElementAtOrDefault(2) is { } d)
        {
            if (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) date = parsed;
            else errors.Add($"Source date '{d}' must be YYYY-MM-DD.");
        }
        return new SourceRef(p[0], p.ElementAtOrDefault(1), date);
    }).ToList();

    // A line is "by appointment" or up to three parts; FieldValidation says what a line with fewer lacks.
    private List<OpeningHours> ParseHours(List<string> errors) => Split(OpeningHours).Select(p =>
    {
        if (p.Length == 1 && p[0].Equals("by appointment", StringComparison.OrdinalIgnoreCase)) return new OpeningHours(null, null, null, true);
        if (p.Length > 3) errors.Add(FieldValidation.OpeningHoursProblem(string.Join(" | ", p)));
        return new OpeningHours(p.ElementAtOrDefault(0), p.ElementAtOrDefault(1), p.ElementAtOrDefault(2), false);
    }).ToList();

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines);
    private static string SourceLine(SourceRef s) => Join(s.Title, s.Url, s.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    private static string Join(params string?[] parts) => string.Join(" | ", parts.Reverse().SkipWhile(string.IsNullOrEmpty).Reverse().Select(p => p ?? ""));

    private static IEnumerable<string[]> Split(string? text) => (text ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => l.Split('|', StringSplitOptions.TrimEntries).Select(x => x.Length == 0 ? null : x).ToArray())
        .Where(p => p.Length > 0 && p[0] is not null)
        .Select(p => p.Select(x => x!).ToArray());
}
