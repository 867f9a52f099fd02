using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Content;

/// <summary>
/// The one set of rules a text must meet, whoever sends it: the workspace form, the management API and the content files
/// (<c>validate</c>, <c>import</c>). Every problem is a <see cref="FieldError"/> at a JSON path (<c>title</c>,
/// <c>fields.counsellors[1].email</c>); the workspace maps the path to its form field, the API answers it in problem
/// details' <c>errors</c>, the importer turns it into file and line.
/// </summary>
public static partial class FieldValidation
{
    // Limits, in characters (UTF-16 code units), named in the message that refuses a longer text; docs/editor.md lists them.
    public const int TitleMax = 200;
    public const int SummaryMax = 600;
    public const int ChangeNoteMax = 2_000; // the revision column's
    public const int BodyMax = 100_000;
    public const int FieldMax = 200;
    public const int LongFieldMax = 4_000;
    public const int ListMax = 50;

    private static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2100, 12, 31);

    /// <summary>
    /// A whole draft: its texts and its fields. The fields come back as they are stored (text trimmed, empty optional text
    /// null, blank list rows left out), or null when there are errors.
    /// </summary>
    public static (ContentFields? Fields, IReadOnlyList<FieldError> Errors) CheckDraft(
        ContentKind kind, string? title, string? summary, string? body, string? changeNote, bool isMajor, ContentFields? fields)
    {
        var errors = new List<FieldError>();
        Text(errors, "title", title, TitleMax, required: true, singleLine: true);
        Text(errors, "summary", summary, SummaryMax, required: true);
        Text(errors, "body", body, BodyMax);
        if (Text(errors, "changeNote", changeNote, ChangeNoteMax) is null && isMajor)
            errors.Add(new("changeNote", "editor.error.change-note"));
        var (checkedFields, fieldErrors) = Check(kind, fields);
        errors.AddRange(fieldErrors);
        return (errors.Count == 0 ? checkedFields : null, errors);
    }

    /// <summary>
    /// A kind's fields alone (paths start with <c>fields.</c>). <paramref name="fields"/> is the kind's own record
    /// (<see cref="ContentKinds.OfFields"/>), or null; another kind's record is a programming error.
    /// </summary>
    public static (ContentFields? Fields, IReadOnlyList<FieldError> Errors) Check(ContentKind kind, ContentFields? fields)
    {
        var info = ContentKinds.Of(kind);
        if (fields is not null && fields.GetType() != info.FieldsType)
            throw new ArgumentException($"A {info.Name} does not take {fields.GetType().Name}.", nameof(fields));
        if (fields is null)
            return info.FieldsType is null ? (null, []) : (null, [new("fields", "editor.error.fields-missing", info.Name)]);

        var e = new List<FieldError>();
        ContentFields result = fields switch
        {
            CountryGuideFields g => new CountryGuideFields(Country(e, g.CountryCode), Date(e, "fields.nextReview", g.NextReview), Sources(e, g.Sources)),
            SafetyFields s => Safety(e, s),
            SupportPointFields p => SupportPoint(e, p),
            StoryFields s => Story(e, s),
            _ => throw new ArgumentOutOfRangeException(nameof(fields), fields.GetType().Name, "No rules for these fields."),
        };
        return (e.Count == 0 ? result : null, e);
    }

    /// <summary>An ISO 3166-1 alpha-2 code, upper case: GN.</summary>
    public static bool IsCountryCode(string? code) => code is { Length: 2 } && code.All(char.IsAsciiLetterUpper);

    /// <summary>An absolute http(s) address.</summary>
    public static bool IsWebAddress(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http";

    public static bool IsEmail(string? email) => email is not null && EmailAddress().IsMatch(email);

    public static bool IsPhone(string? phone) => phone is not null && PhoneNumber().IsMatch(phone);

    /// <summary>A time of day as a time input sends it: HH:MM, 24 hours.</summary>
    public static bool IsTime(string? time) => time is not null && TimeOfDay().IsMatch(time);

    /// <summary>
    /// Control characters other than tab, line feed and carriage return, and lone surrogates: they cannot be written into
    /// XML (the feeds) and mean nothing to a reader.
    /// </summary>
    public static bool HasForbiddenCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return true;
            if (char.IsHighSurrogate(c) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i]))) return true;
            if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF') return true;
        }
        return false;
    }

    private static SafetyFields Safety(List<FieldError> e, SafetyFields s)
    {
        var effective = Date(e, "fields.effective", s.Effective, required: true);
        var next = Date(e, "fields.nextReview", s.NextReview, required: true);
        if (effective is { } from && next is { } to && to < from)
            e.Add(new("fields.nextReview", "editor.error.date-order", Iso(from)));
        return new SafetyFields(Country(e, s.CountryCode), Key(e, "fields.guideKey", s.GuideKey), effective ?? default, next ?? default,
            Dimension(e, s.Legal, "legal"), Dimension(e, s.Physical, "physical"), Dimension(e, s.Material, "material"), Sources(e, s.Sources));
    }

    private static SupportPointFields SupportPoint(List<FieldError> e, SupportPointFields p)
    {
        var phone = Text(e, "fields.phone", p.Phone, FieldMax, singleLine: true);
        if (phone is not null && !IsPhone(phone)) e.Add(new("fields.phone", "editor.error.phone"));
        var email = Text(e, "fields.email", p.Email, FieldMax, singleLine: true);
        if (email is not null && !IsEmail(email)) e.Add(new("fields.email", "editor.error.email"));
        var exceptionDates = new HashSet<DateOnly>();
        return new SupportPointFields(Text(e, "fields.city", p.City, FieldMax, required: true, singleLine: true) ?? "",
            Text(e, "fields.address", p.Address, FieldMax, singleLine: true), Text(e, "fields.postcode", p.Postcode, FieldMax, singleLine: true),
            phone, email,
            Rows(e, "fields.counsellors", p.Counsellors, c => Blank(c.Name, c.Email, c.Phone), (path, c) =>
            {
                var name = Text(e, path + ".name", c.Name, FieldMax, required: true, singleLine: true) ?? "";
                var ce = Text(e, path + ".email", c.Email, FieldMax, singleLine: true);
                if (ce is not null && !IsEmail(ce)) e.Add(new(path + ".email", "editor.error.email"));
                var cp = Text(e, path + ".phone", c.Phone, FieldMax, singleLine: true);
                if (cp is not null && !IsPhone(cp)) e.Add(new(path + ".phone", "editor.error.phone"));
                return new Counsellor(name, ce, cp);
            }),
            Rows(e, "fields.openingHours", p.OpeningHours, h => h.Day is null && Blank(h.From, h.To), (path, h) =>
            {
                if (h.Day is null) e.Add(new(path + ".day", "editor.error.required"));
                else if (!Enum.IsDefined(h.Day.Value)) e.Add(new(path + ".day", "editor.error.weekday"));
                var (from, to) = Span(e, path, h.From, h.To, required: true);
                return new OpeningHours(h.Day, from, to);
            }),
            Rows(e, "fields.languages", p.Languages, l => Blank(l), (path, l) =>
            {
                var code = Text(e, path, l, FieldMax, singleLine: true) ?? "";
                if (!SpokenLanguages.IsKnown(code)) e.Add(new(path, "editor.error.spoken-language", string.Join(", ", SpokenLanguages.All)));
                return code;
            }).Distinct().ToList(),
            Date(e, "fields.verified", p.Verified),
            Region(e, p.Region),
            Text(e, "fields.cityName", p.CityName, FieldMax, singleLine: true),
            Rows(e, "fields.exceptions", p.Exceptions, x => x.Date is null && Blank(x.From, x.To), (path, x) =>
            {
                var date = Date(e, path + ".date", x.Date, required: true);
                if (date is { } d && !exceptionDates.Add(d)) e.Add(new(path + ".date", "editor.error.date-twice", Iso(d)));
                var (from, to) = Span(e, path, x.From, x.To, required: false);
                return new HoursException(date, from, to);
            }),
            Visits(e, p.Visits),
            Text(e, "fields.accessibility", p.Accessibility, LongFieldMax));
    }

    private static string? Region(List<FieldError> e, string? region)
    {
        var code = Text(e, "fields.region", region, FieldMax, singleLine: true);
        if (code is not null && !Provinces.IsProvince(code)) e.Add(new("fields.region", "editor.error.region", string.Join(", ", Provinces.All)));
        return code;
    }

    /// <summary>From and to, HH:MM, to after from; when not <paramref name="required"/>, both may be left out (closed).</summary>
    private static (string? From, string? To) Span(List<FieldError> e, string path, string? from, string? to, bool required)
    {
        if (!required && Blank(from, to)) return (null, null);
        var f = Time(e, path + ".from", from);
        var t = Time(e, path + ".to", to);
        if (f is not null && t is not null && string.CompareOrdinal(t, f) <= 0) e.Add(new(path + ".to", "editor.error.hours-order", f));
        return (f, t);
    }

    private static Visiting? Visits(List<FieldError> e, Visiting? visits)
    {
        if (visits is { } v && !Enum.IsDefined(v)) e.Add(new("fields.visits", "editor.error.visits"));
        return visits;
    }

    private static StoryFields Story(List<FieldError> e, StoryFields s)
    {
        int? age = s.Age;
        if (age is < 0 or > 120) e.Add(new("fields.age", "editor.error.age"));
        return new StoryFields(Country(e, s.CountryCode), Key(e, "fields.guideKey", s.GuideKey),
            Text(e, "fields.name", s.Name, FieldMax, required: true, singleLine: true) ?? "", age, Consent(e, s.Consent));
    }

    private static StoryConsent Consent(List<FieldError> e, StoryConsent? c)
    {
        const string at = "fields.consent";
        var givenBy = Text(e, at + ".givenBy", c?.GivenBy, FieldMax, required: true, singleLine: true);
        var recorded = Date(e, at + ".recorded", c?.Recorded);
        if ((recorded is null) == (c?.DateUnknown != true)) e.Add(new(at + ".recorded", "editor.error.consent-when"));
        var expires = Date(e, at + ".expires", c?.Expires);
        if ((expires is null) == (c?.UntilWithdrawn != true)) e.Add(new(at + ".expires", "editor.error.consent-until"));
        if (recorded is { } from && expires is { } to && to <= from) e.Add(new(at + ".expires", "editor.error.consent-end-order", Iso(from)));
        var covers = c?.Covers;
        if (covers is null || !covers.Text) e.Add(new(at + ".covers.text", "editor.error.consent-text"));
        var languages = (covers?.Languages ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).Distinct().ToList();
        if (languages.Count == 0) e.Add(new(at + ".covers.languages", "editor.error.consent-languages"));
        foreach (var l in languages.Where(l => l.Length > 10 || HasForbiddenCharacter(l)))
            e.Add(new(at + ".covers.languages", "editor.error.consent-language", l.Length > 10 ? l[..10] : "?"));
        return new StoryConsent(recorded, Text(e, at + ".scope", c?.Scope, LongFieldMax, required: true) ?? "", expires,
            givenBy, c?.DateUnknown == true && recorded is null, new ConsentCovers(covers?.Text == true, covers?.Name == true, covers?.Photo == true, languages),
            c?.UntilWithdrawn == true && expires is null);
    }

    /// <summary>Null when blank; otherwise trimmed, and refused when too long or holding a control character.</summary>
    private static string? Text(List<FieldError> e, string path, string? value, int max, bool required = false, bool singleLine = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) e.Add(new(path, "editor.error.required"));
            return null;
        }
        if (value.Length > max) e.Add(new(path, "editor.error.too-long", max, value.Length));
        else if (HasForbiddenCharacter(value) || (singleLine && value.AsSpan().IndexOfAny('\n', '\r') >= 0)) e.Add(new(path, "editor.error.control-character"));
        return value.Trim();
    }

    // The code as sent, not trimmed: " GN" is refused, as the workspace form always did.
    private static string Country(List<FieldError> e, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) e.Add(new("fields.countryCode", "editor.error.required"));
        else if (!IsCountryCode(code)) e.Add(new("fields.countryCode", "editor.error.country-code"));
        return code ?? "";
    }

    private static string Key(List<FieldError> e, string path, string? key)
    {
        var value = Text(e, path, key, Slugs.MaxLength, required: true, singleLine: true);
        if (value is not null && !Slugs.IsValid(value)) e.Add(new(path, "editor.error.slug"));
        return value ?? "";
    }

    private static DateOnly? Date(List<FieldError> e, string path, DateOnly? date, bool required = false)
    {
        if (date is null || date == default)
        {
            if (required) e.Add(new(path, "editor.error.required"));
            return null;
        }
        if (date < Earliest || date > Latest) e.Add(new(path, "editor.error.date-range", Iso(Earliest), Iso(Latest)));
        return date;
    }

    private static string? Time(List<FieldError> e, string path, string? time)
    {
        if (string.IsNullOrWhiteSpace(time)) e.Add(new(path, "editor.error.required"));
        else if (!IsTime(time.Trim())) e.Add(new(path, "editor.error.time"));
        else return time.Trim();
        return null;
    }

    private static SafetyDimension Dimension(List<FieldError> e, SafetyDimension? d, string name)
    {
        var at = "fields." + name;
        if (d is null)
        {
            e.Add(new(at, "editor.error.required"));
            return new(default, "", "");
        }
        if (!Enum.IsDefined(d.Level)) e.Add(new(at + ".level", "editor.error.level"));
        return new(d.Level, Text(e, at + ".summary", d.Summary, FieldMax * 2, required: true, singleLine: true) ?? "",
            Text(e, at + ".explanation", d.Explanation, LongFieldMax, required: true) ?? "");
    }

    private static List<SourceRef> Sources(List<FieldError> e, IReadOnlyList<SourceRef>? sources)
        => Rows(e, "fields.sources", sources, s => Blank(s.Title, s.Url) && s.Date is null, (path, s) =>
        {
            var url = Text(e, path + ".url", s.Url, LongFieldMax / 2, singleLine: true);
            if (url is not null && !IsWebAddress(url)) e.Add(new(path + ".url", "editor.error.url"));
            return new SourceRef(Text(e, path + ".title", s.Title, FieldMax, required: true, singleLine: true) ?? "", url, Date(e, path + ".date", s.Date));
        });

    /// <summary>The rows that are not blank, each checked at its index as sent (so a message names the row the sender sees).</summary>
    private static List<TOut> Rows<TIn, TOut>(List<FieldError> e, string path, IReadOnlyList<TIn?>? rows, Func<TIn, bool> blank, Func<string, TIn, TOut> check)
    {
        var list = new List<TOut>();
        if (rows is null) return list;
        if (rows.Count > ListMax) e.Add(new(path, "editor.error.too-many", ListMax));
        for (var i = 0; i < rows.Count && i < ListMax; i++)
            if (rows[i] is { } row && !blank(row)) list.Add(check($"{path}[{i}]", row));
        return list;
    }

    private static bool Blank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\+?[0-9][0-9 \-()]{4,}$")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimeOfDay();
}
