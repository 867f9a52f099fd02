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

    private static List<string> Messages(ContentKind kind, ContentFields? fields)
        => FieldValidation.Check(kind, fields).Errors.Select(e => e.Message).ToList();

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
            var (fromForm, formErrors) = form.ToFields(file.Kind);
            Assert.Empty(formErrors);
            Assert.Equal(JsonSerializer.Serialize(fields, json), JsonSerializer.Serialize(fromForm, json));
        }
    }

    [Fact]
    public void RequiredFieldsAreNamedByTheFormsFieldNames()
    {
        var blank = new SafetyDimension(SafetyLevel.High, " ", "");
        var errors = FieldValidation.Check(ContentKind.SafetyAssessment, Safety() with { GuideKey = "", Physical = blank }).Errors;
        Assert.Equal(["Guide", "PhysicalSummary", "PhysicalExplanation"], errors.Select(e => e.Field));
        Assert.Equal(["Guide is required.", "Physical summary is required.", "Physical explanation is required."], errors.Select(e => e.Message));

        var story = new StoryFields("GN", "guinea", " ", null, new StoryConsent(new DateOnly(2026, 1, 1), "", null));
        Assert.Equal(["Name is required.", "Consent scope is required."], Messages(ContentKind.Story, story));
        Assert.Equal(["City is required."], Messages(ContentKind.SupportPoint, new SupportPointFields("", null, null, null, null, [], [], [], null)));
    }

    [Theory]
    [InlineData("GN", true)]
    [InlineData("gn", false)]
    [InlineData("GIN", false)]
    [InlineData(" GN", false)] // as sent, not trimmed: the form always refused it
    public void ACountryIsAnUpperCaseIsoCode(string code, bool valid)
    {
        Assert.Equal(valid, FieldValidation.IsCountryCode(code));
        Assert.Equal(valid ? [] : ["Country must be an ISO code such as GN."], Messages(ContentKind.SafetyAssessment, Safety(code)));
    }

    [Fact]
    public void ASourceAddressIsAnAbsoluteWebAddressAndASourceWithoutTitleIsLeftOut()
    {
        var fields = new CountryGuideFields("GN", null, [new("UNHCR", "ftp://x.org", null), new("", "not a url", null), new(" IOM ", " https://iom.int ", null)]);
        var (result, errors) = FieldValidation.Check(ContentKind.CountryGuide, fields);
        Assert.Equal(["Source address 'ftp://x.org' must start with https://."], errors.Select(e => e.Message));
        Assert.Null(result);

        var (ok, none) = FieldValidation.Check(ContentKind.CountryGuide, fields with { Sources = [new(" IOM ", " https://iom.int ", null), new("CBS", " ", null)] });
        Assert.Empty(none);
        Assert.Equal([new SourceRef("IOM", "https://iom.int", null), new SourceRef("CBS", null, null)], ((CountryGuideFields)ok!).Sources);
    }

    [Fact]
    public void OpeningHoursNeedDaysAndBothTimesOrByAppointment()
    {
        SupportPointFields Point(params OpeningHours[] hours) => new("Den Haag", " Laan 1 ", "", null, null, [new(" Ans ", "", null), new(" ", "x@y.nl", null)], hours, [" nl ", ""], null);
        var (result, errors) = FieldValidation.Check(ContentKind.SupportPoint,
            Point(new("ma-vr", "09:00", "17:00", false), new("za", "10:00", null, false), new(null, "09:00", "12:00", false), new("zo", "x", "y", true)));
        Assert.Equal(["Opening hours 'za | 10:00': write 'days | 09:00 | 17:00' or 'by appointment'."], errors.Select(e => e.Message));

        (result, errors) = FieldValidation.Check(ContentKind.SupportPoint, Point(new("ma-vr", "09:00", "17:00", false), new(null, "09:00", "12:00", false), new("zo", "x", "y", true)));
        Assert.Empty(errors);
        var point = (SupportPointFields)result!;
        Assert.Equal([new OpeningHours("ma-vr", "09:00", "17:00", false), new OpeningHours(null, null, null, true)], point.OpeningHours);
        Assert.Equal(("Laan 1", (string?)null), (point.Address, point.Postcode));
        Assert.Equal([new Counsellor("Ans", null, null)], point.Counsellors);
        Assert.Equal(["nl"], point.Languages);
    }

    [Fact]
    public void TheFormStillSaysWhatItsTextFormatLacks()
    {
        var form = new ContentForm { City = "Den Haag", OpeningHours = "ma | 09:00\nma | 09:00 | 12:00 | 13:00\nby appointment" };
        Assert.Equal([
            "Opening hours 'ma | 09:00': write 'days | 09:00 | 17:00' or 'by appointment'.",
            "Opening hours 'ma | 09:00 | 12:00 | 13:00': write 'days | 09:00 | 17:00' or 'by appointment'."], form.ToFields(ContentKind.SupportPoint).Errors);

        var safety = new ContentForm { Country = "gn", Guide = "guinea", Sources = "UNHCR | http://unhcr.org | 1 maart" };
        Assert.Equal(["Legal summary is required.", "Legal explanation is required.", "Physical summary is required.", "Physical explanation is required.",
            "Material summary is required.", "Material explanation is required.", "Country must be an ISO code such as GN.",
            "Effective date is required.", "Next review date is required.", "Source date '1 maart' must be YYYY-MM-DD."],
            safety.ToFields(ContentKind.SafetyAssessment).Errors);
    }

    [Fact]
    public void APageHasNoFieldsAndOtherFieldsAreAProgrammingError()
    {
        var (fields, errors) = FieldValidation.Check(ContentKind.Page, null);
        Assert.Null(fields);
        Assert.Empty(errors);
        Assert.Equal(["A story needs its fields."], Messages(ContentKind.Story, null));
        Assert.Throws<ArgumentException>(() => FieldValidation.Check(ContentKind.Page, Safety()));
        Assert.Throws<ArgumentException>(() => FieldValidation.Check(ContentKind.CountryGuide, Safety()));
        Assert.Throws<ArgumentOutOfRangeException>(() => FieldValidation.Check((ContentKind)99, null));
    }
}
