using System.Text.Json;
using Portal.Content;
using Portal.Content.Import;
using Portal.Pages.Editor.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

/// <summary>A kind's field rules hold on the typed record, so the workspace form and the management API accept the same fields.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class FieldValidationTests
{
    private static readonly SafetyDimension Dim = new(SafetyLevel.Low, "Samenvatting", "Uitleg");

    private static SafetyFields Safety(string country = "GN") =>
        new(country, "guinea", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1), Dim, Dim, Dim, []);

    private static List<string> Errors(ContentKind kind, ContentFields? fields)
        => FieldValidation.Check(kind, fields).Errors.Select(e => $"{e.Path} {e.Key}").ToList();

    private static readonly StoryConsent Consent = new(new DateOnly(2026, 1, 1), "Tekst en voornaam", null, "Ans", false,
        new ConsentCovers(true, true, false, ["nl"]), true);

    [Fact]
    public void EveryShippedTextPassesAndTheFormReadsItBackUnchanged()
    {
        var (files, problems) = new ContentValidator(ConfiguredCultures.Options).Validate(RepoPaths.Content);
        Assert.Empty(problems);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var file in files)
        {
            var (fields, errors) = FieldValidation.Check(file.Kind, file.Fields);
            Assert.True(errors.Count == 0, $"{file.Path}: {string.Join(" ", errors)}");
            var form = new ContentForm();
            form.Load(file.Fields);
            var (fromForm, formErrors) = FieldValidation.Check(file.Kind, form.ToFields(file.Kind));
            Assert.Empty(formErrors);
            Assert.Equal(JsonSerializer.Serialize(fields, json), JsonSerializer.Serialize(fromForm, json));
        }
    }

    [Fact]
    public void RequiredValuesAreNamedByTheirPath()
    {
        var blank = new SafetyDimension(SafetyLevel.High, " ", "");
        var errors = FieldValidation.Check(ContentKind.SafetyAssessment, Safety() with { GuideKey = "", Physical = blank }).Errors;
        Assert.Equal(["fields.guideKey", "fields.physical.summary", "fields.physical.explanation"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal("editor.error.required", e.Key));

        var story = new StoryFields("GN", "guinea", " ", null, Consent with { Scope = "" });
        Assert.Equal(["fields.name editor.error.required", "fields.consent.scope editor.error.required"], Errors(ContentKind.Story, story));
        Assert.Equal(["fields.city editor.error.required"], Errors(ContentKind.SupportPoint, new SupportPointFields("", null, null, null, null, [], [], [], null)));
    }

    [Fact]
    public void ATitleOfSpacesALongTitleAndControlCharactersAreRefusedWithTheLimit()
    {
        var (_, errors) = FieldValidation.CheckDraft(ContentKind.Page, "   ", "Samenvatting", "Tekst", null, false, null);
        Assert.Equal(["title editor.error.required"], errors.Select(e => $"{e.Path} {e.Key}"));

        (_, errors) = FieldValidation.CheckDraft(ContentKind.Page, new string('a', FieldValidation.TitleMax + 1), "S", new string('b', FieldValidation.BodyMax + 1), null, true, null);
        Assert.Equal(["title editor.error.too-long", "body editor.error.too-long", "changeNote editor.error.change-note"], errors.Select(e => $"{e.Path} {e.Key}"));
        Assert.Equal([FieldValidation.TitleMax, FieldValidation.TitleMax + 1], errors[0].Args);

        (_, errors) = FieldValidation.CheckDraft(ContentKind.Page, "Titel\u0001", "Regel\nmet tab\t", "Tekst\u0000", "Notitie\uD800", false, null);
        Assert.Equal(["title", "body", "changeNote"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal("editor.error.control-character", e.Key));
        Assert.True(FieldValidation.HasForbiddenCharacter("a\u007Fb"));
        Assert.False(FieldValidation.HasForbiddenCharacter("Kurdî 😀 كردی\r\n\t"));
    }

    [Theory]
    [InlineData("GN", true)]
    [InlineData("gn", false)]
    [InlineData("GIN", false)]
    [InlineData(" GN", false)] // as sent, not trimmed: the form always refused it
    public void ACountryIsAnUpperCaseIsoCode(string code, bool valid)
    {
        Assert.Equal(valid, FieldValidation.IsCountryCode(code));
        Assert.Equal(valid ? [] : ["fields.countryCode editor.error.country-code"], Errors(ContentKind.SafetyAssessment, Safety(code)));
    }

    [Fact]
    public void DatesKeepTheirOrderAndLevelsAreOnlyTheNamedOnes()
    {
        var safety = Safety() with { NextReview = new DateOnly(2025, 12, 31), Legal = Dim with { Level = (SafetyLevel)99 } };
        Assert.Equal(["fields.nextReview editor.error.date-order", "fields.legal.level editor.error.level"], Errors(ContentKind.SafetyAssessment, safety));
        Assert.Equal(["fields.nextReview editor.error.date-range"], Errors(ContentKind.CountryGuide, new CountryGuideFields("GN", new DateOnly(9999, 12, 31), [])));
    }

    [Fact]
    public void ASourceAddressIsAnAbsoluteWebAddressAndABlankSourceIsLeftOut()
    {
        var fields = new CountryGuideFields("GN", null, [new("UNHCR", "ftp://x.org", null), new("", "not a url", null), new(" ", " ", null)]);
        var (result, errors) = FieldValidation.Check(ContentKind.CountryGuide, fields);
        Assert.Equal(["fields.sources[0].url editor.error.url", "fields.sources[1].url editor.error.url", "fields.sources[1].title editor.error.required"],
            errors.Select(e => $"{e.Path} {e.Key}"));
        Assert.Null(result);

        var (ok, none) = FieldValidation.Check(ContentKind.CountryGuide, fields with { Sources = [new(" IOM ", " https://iom.int ", null), new("CBS", " ", null)] });
        Assert.Empty(none);
        Assert.Equal([new SourceRef("IOM", "https://iom.int", null), new SourceRef("CBS", null, null)], ((CountryGuideFields)ok!).Sources);
    }

    [Fact]
    public void CounsellorsAndOpeningHoursAreCheckedPerRowAndAPipeIsJustACharacter()
    {
        SupportPointFields Point(IReadOnlyList<Counsellor> counsellors, params OpeningHours[] hours)
            => new("Den Haag", " Laan 1 ", "", null, null, counsellors, hours, [" nl ", ""], null);
        var (result, errors) = FieldValidation.Check(ContentKind.SupportPoint, Point(
            [new("Jan | de Vries", null, null), new("Ans", "not an email", "call me")],
            new(DayOfWeek.Monday, "09:00", "17:00"), new(DayOfWeek.Saturday, "10:00", null), new(DayOfWeek.Sunday, "12:00", "09:00"),
            new(null, "09:00", "12:00"), new((DayOfWeek)7, "09:00", "25:00")));
        Assert.Null(result);
        Assert.Equal(["fields.counsellors[1].email editor.error.email", "fields.counsellors[1].phone editor.error.phone",
            "fields.openingHours[1].to editor.error.required", "fields.openingHours[2].to editor.error.hours-order",
            "fields.openingHours[3].day editor.error.required", "fields.openingHours[4].day editor.error.weekday",
            "fields.openingHours[4].to editor.error.time"], errors.Select(e => $"{e.Path} {e.Key}"));

        (result, errors) = FieldValidation.Check(ContentKind.SupportPoint, Point([new("Jan | de Vries", null, null), new(" ", "", null)],
            new(DayOfWeek.Monday, " 09:00", "17:00 "), new(null, null, " ")));
        Assert.Empty(errors);
        var point = (SupportPointFields)result!;
        Assert.Equal([new OpeningHours(DayOfWeek.Monday, "09:00", "17:00")], point.OpeningHours);
        Assert.Equal(("Laan 1", (string?)null), (point.Address, point.Postcode));
        Assert.Equal([new Counsellor("Jan | de Vries", null, null)], point.Counsellors);
        Assert.Equal(["nl"], point.Languages);
    }

    [Fact]
    public void AStoryNeedsConsentOnRecordWhoWhenWhatAndUntilWhen()
    {
        StoryFields Story(StoryConsent c) => new("GN", "guinea", "Ans", 30, c);
        Assert.Empty(Errors(ContentKind.Story, Story(Consent)));
        Assert.Empty(Errors(ContentKind.Story, Story(Consent with { Recorded = null, DateUnknown = true })));
        Assert.Equal(["fields.consent.givenBy editor.error.required", "fields.consent.recorded editor.error.consent-when",
            "fields.consent.expires editor.error.consent-until", "fields.consent.covers.text editor.error.consent-text", "fields.consent.covers.languages editor.error.consent-languages"],
            Errors(ContentKind.Story, Story(new StoryConsent(null, "Iets", null))));
        Assert.Equal(["fields.consent.expires editor.error.consent-end-order"],
            Errors(ContentKind.Story, Story(Consent with { Expires = new DateOnly(2025, 6, 1), UntilWithdrawn = false })));
        Assert.Equal(["fields.consent.recorded editor.error.consent-when"], Errors(ContentKind.Story, Story(Consent with { DateUnknown = true })));
    }

    [Fact]
    public void TheFormNamesTheFieldOfEachPath()
    {
        Assert.Equal("Counsellors[1].Email", ContentForm.FieldName("fields.counsellors[1].email"));
        Assert.Equal("LegalSummary", ContentForm.FieldName("fields.legal.summary"));
        Assert.Equal("Country", ContentForm.FieldName("fields.countryCode"));
        Assert.Equal("ConsentCoversLanguages", ContentForm.FieldName("fields.consent.covers.languages"));
        Assert.Equal("Title", ContentForm.FieldName("title"));
        Assert.Equal("ChangeNote", ContentForm.FieldName("changeNote"));
    }

    [Fact]
    public void RowsAreAddedAndRemovedByTheButtonsValue()
    {
        var form = new ContentForm { Counsellors = [new() { Name = "A" }, new() { Name = "B" }] };
        Assert.True(form.ChangeRows("Counsellors", null));
        Assert.True(form.ChangeRows(null, "Counsellors:0"));
        Assert.Equal(["B", null], form.Counsellors.Select(c => c.Name));
        Assert.False(form.ChangeRows(null, "Counsellors:9"));
        Assert.False(form.ChangeRows("Title", null));
    }

    [Fact]
    public void APageHasNoFieldsAndOtherFieldsAreAProgrammingError()
    {
        var (fields, errors) = FieldValidation.Check(ContentKind.Page, null);
        Assert.Null(fields);
        Assert.Empty(errors);
        Assert.Equal(["fields editor.error.fields-missing"], Errors(ContentKind.Story, null));
        Assert.Throws<ArgumentException>(() => FieldValidation.Check(ContentKind.Page, Safety()));
        Assert.Throws<ArgumentException>(() => FieldValidation.Check(ContentKind.CountryGuide, Safety()));
        Assert.Throws<ArgumentOutOfRangeException>(() => FieldValidation.Check((ContentKind)99, null));
    }

    [Fact]
    public void EveryErrorKeyHasItsTextInBothWorkspaceLanguages()
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "src/Portal/Content/FieldValidation.cs"));
        var keys = System.Text.RegularExpressions.Regex.Matches(source, "\"(editor\\.error\\.[a-z-]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(keys.Count > 15);
        foreach (var culture in new[] { "nl", "en" })
        {
            var strings = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoPaths.Root, $"locales/editor/{culture}.json")))!;
            Assert.All(keys, k => Assert.True(strings.ContainsKey(k), $"{culture}: {k}"));
        }
    }
}
