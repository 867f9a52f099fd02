using Portal.Content;

namespace Portal.Pages.Editor.Content;

/// <summary>
/// The edit form as posted: common text plus every kind's structured fields, lists as repeatable rows bound by Razor Pages
/// (<c>Form.Counsellors[1].Email</c>). It only carries values; the rules are <see cref="FieldValidation"/>'s, whose
/// paths <see cref="FieldName"/> turns into this form's field names.
/// </summary>
public sealed class ContentForm
{
    // A new item: its key and slug (proposed from the title when left empty). The edit form posts its item's key and
    // kind too, only to show the form again when the database cannot be reached; a save reads both from the database.
    public string? Key { get; set; }
    public string? Slug { get; set; }
    public ContentKind? Kind { get; set; }

    public int Version { get; set; }
    public int? SourceRevisionId { get; set; }
    // Model binding turns a blank field into null (a title of only spaces was a 500): never null here.
    public string Title { get; set => field = value ?? ""; } = "";
    public string Summary { get; set => field = value ?? ""; } = "";
    public string? Body { get; set; }
    public bool IsMajor { get; set; }
    public string? ChangeNote { get; set; }
    public bool HumanReviewed { get; set; }
    public DateTime? ScheduleAt { get; set; }

    // Country guide, safety assessment, story
    public string? Country { get; set; }
    public string? Guide { get; set; }
    public DateOnly? NextReview { get; set; }
    public List<SourceRow> Sources { get; set; } = [];

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
    public List<CounsellorRow> Counsellors { get; set; } = [];
    public List<HoursRow> OpeningHours { get; set; } = [];
    public List<string?> Languages { get; set; } = [];
    public DateOnly? Verified { get; set; }
    public string? Region { get; set; }
    public string? CityName { get; set; }
    public List<ExceptionRow> Exceptions { get; set; } = [];
    public Visiting? Visits { get; set; }
    public string? Accessibility { get; set; }

    // Story
    public string? Name { get; set; }
    public int? Age { get; set; }
    public string? ConsentGivenBy { get; set; }
    public DateOnly? ConsentRecorded { get; set; }
    public bool ConsentDateUnknown { get; set; }
    public bool ConsentCoversText { get; set; }
    public bool ConsentCoversName { get; set; }
    public bool ConsentCoversPhoto { get; set; }
    public List<string> ConsentCoversLanguages { get; set; } = [];
    public string? ConsentScope { get; set; }
    public DateOnly? ConsentExpires { get; set; }
    public bool ConsentUntilWithdrawn { get; set; }

    public sealed class SourceRow
    {
        public string? Title { get; set; }
        public string? Url { get; set; }
        public DateOnly? Date { get; set; }
    }

    public sealed class CounsellorRow
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
    }

    public sealed class HoursRow
    {
        public DayOfWeek? Day { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    public sealed class ExceptionRow
    {
        public DateOnly? Date { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }

    /// <summary>The lists that have "add row" and "remove row" buttons, by the name the buttons post.</summary>
    public static readonly IReadOnlyList<string> RowLists = ["Sources", "Counsellors", "OpeningHours", "Exceptions", "Languages"];

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
                (Country, NextReview, Sources) = (g.CountryCode, g.NextReview, SourceRows(g.Sources));
                break;
            case SafetyFields s:
                (Country, Guide, Effective, NextReview, Sources) = (s.CountryCode, s.GuideKey, s.Effective, s.NextReview, SourceRows(s.Sources));
                (LegalLevel, LegalSummary, LegalExplanation) = (s.Legal.Level, s.Legal.Summary, s.Legal.Explanation);
                (PhysicalLevel, PhysicalSummary, PhysicalExplanation) = (s.Physical.Level, s.Physical.Summary, s.Physical.Explanation);
                (MaterialLevel, MaterialSummary, MaterialExplanation) = (s.Material.Level, s.Material.Summary, s.Material.Explanation);
                break;
            case SupportPointFields p:
                (City, Address, Postcode, Phone, Email, Verified) = (p.City, p.Address, p.Postcode, p.Phone, p.Email, p.Verified);
                (Region, CityName, Visits, Accessibility) = (p.Region, p.CityName, p.Visits, p.Accessibility);
                Counsellors = p.Counsellors.Select(c => new CounsellorRow { Name = c.Name, Email = c.Email, Phone = c.Phone }).ToList();
                OpeningHours = p.OpeningHours.Select(h => new HoursRow { Day = h.Day, From = h.From, To = h.To }).ToList();
                Exceptions = p.HoursExceptions.Select(x => new ExceptionRow { Date = x.Date, From = x.From, To = x.To }).ToList();
                Languages = [.. p.Languages];
                break;
            case StoryFields s:
                (Country, Guide, Name, Age) = (s.CountryCode, s.GuideKey, s.Name, s.Age);
                var c = s.Consent;
                (ConsentGivenBy, ConsentRecorded, ConsentDateUnknown, ConsentScope, ConsentExpires, ConsentUntilWithdrawn)
                    = (c.GivenBy, c.Recorded, c.DateUnknown, c.Scope, c.Expires, c.UntilWithdrawn);
                (ConsentCoversText, ConsentCoversName, ConsentCoversPhoto, ConsentCoversLanguages)
                    = (c.Covers?.Text ?? false, c.Covers?.Name ?? false, c.Covers?.Photo ?? false, [.. c.Covers?.Languages ?? []]);
                break;
        }
    }

    /// <summary>The typed fields of a kind, as typed: <see cref="FieldValidation"/> checks them (rows left blank are dropped there).</summary>
    public ContentFields? ToFields(ContentKind kind) => kind switch
    {
        ContentKind.CountryGuide => new CountryGuideFields(Country ?? "", NextReview, SourceRefs()),
        ContentKind.SafetyAssessment => new SafetyFields(Country ?? "", Guide ?? "", Effective ?? default, NextReview ?? default,
            new SafetyDimension(LegalLevel, LegalSummary ?? "", LegalExplanation ?? ""),
            new SafetyDimension(PhysicalLevel, PhysicalSummary ?? "", PhysicalExplanation ?? ""),
            new SafetyDimension(MaterialLevel, MaterialSummary ?? "", MaterialExplanation ?? ""),
            SourceRefs()),
        ContentKind.SupportPoint => new SupportPointFields(City ?? "", Address, Postcode, Phone, Email,
            Counsellors.Select(c => new Counsellor(c.Name ?? "", c.Email, c.Phone)).ToList(),
            OpeningHours.Select(h => new OpeningHours(h.Day, h.From, h.To)).ToList(),
            Languages.Select(l => l ?? "").ToList(), Verified, Region, CityName,
            Exceptions.Select(x => new HoursException(x.Date, x.From, x.To)).ToList(), Visits, Accessibility),
        ContentKind.Story => new StoryFields(Country ?? "", Guide ?? "", Name ?? "", Age,
            new StoryConsent(ConsentRecorded, ConsentScope ?? "", ConsentExpires, ConsentGivenBy, ConsentDateUnknown,
                new ConsentCovers(ConsentCoversText, ConsentCoversName, ConsentCoversPhoto, ConsentCoversLanguages), ConsentUntilWithdrawn)),
        ContentKind.Page => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No form fields for this kind."),
    };

    /// <summary>
    /// Adds a blank row to a list, or removes row n ("Counsellors:1"), for the buttons that work without script.
    /// False for a name that is no list here.
    /// </summary>
    public bool ChangeRows(string? add, string? remove)
    {
        if (add is not null)
        {
            switch (add)
            {
                case "Sources": Sources.Add(new()); return true;
                case "Counsellors": Counsellors.Add(new()); return true;
                case "OpeningHours": OpeningHours.Add(new()); return true;
                case "Exceptions": Exceptions.Add(new()); return true;
                case "Languages": Languages.Add(""); return true;
            }
            return false;
        }
        var parts = (remove ?? "").Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[1], out var i) || i < 0) return false;
        switch (parts[0])
        {
            case "Sources" when i < Sources.Count: Sources.RemoveAt(i); return true;
            case "Counsellors" when i < Counsellors.Count: Counsellors.RemoveAt(i); return true;
            case "OpeningHours" when i < OpeningHours.Count: OpeningHours.RemoveAt(i); return true;
            case "Exceptions" when i < Exceptions.Count: Exceptions.RemoveAt(i); return true;
            case "Languages" when i < Languages.Count: Languages.RemoveAt(i); return true;
        }
        return false;
    }

    /// <summary>
    /// This form's field for a <see cref="FieldValidation"/> path: <c>fields.counsellors[1].email</c> is
    /// <c>Counsellors[1].Email</c>, <c>fields.legal.summary</c> is <c>LegalSummary</c>, <c>fields.countryCode</c> is <c>Country</c>.
    /// </summary>
    public static string FieldName(string path)
    {
        var name = "";
        var afterIndex = false;
        foreach (var segment in (path.StartsWith("fields.", StringComparison.Ordinal) ? path["fields.".Length..] : path).Split('.'))
        {
            if (segment.Length == 0) continue;
            name += (afterIndex ? "." : "") + char.ToUpperInvariant(segment[0]) + segment[1..];
            afterIndex = segment.EndsWith(']');
        }
        return name switch { "CountryCode" => "Country", "GuideKey" => "Guide", "Fields" => "Title", _ => name };
    }

    private static List<SourceRow> SourceRows(IReadOnlyList<SourceRef> sources)
        => sources.Select(s => new SourceRow { Title = s.Title, Url = s.Url, Date = s.Date }).ToList();

    private List<SourceRef> SourceRefs() => Sources.Select(s => new SourceRef(s.Title ?? "", s.Url, s.Date)).ToList();
}
