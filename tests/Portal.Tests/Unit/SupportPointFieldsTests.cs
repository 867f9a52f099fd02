using System.Text.Json;
using Portal.Content;
using Portal.Content.Import;
using Portal.Data.Configurations;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

/// <summary>The finder's fields: their rules, revisions stored before they existed, the wording a translation brings, and "open now".</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class SupportPointFieldsTests
{
    private static readonly SupportPointFields Leiden = new("Leiden", "Oude Rijn 44B", "2312 HG", "071-5133088", null, [],
        [
            new(DayOfWeek.Monday, "09:00", "12:30"), new(DayOfWeek.Monday, "13:30", "17:00"),
            new(DayOfWeek.Wednesday, "09:00", "17:00"),
        ],
        ["nl", "ar"], new DateOnly(2026, 11, 28), "zuid-holland", null, [new(new DateOnly(2026, 12, 7), null, null)], Visiting.WalkIn, null);

    private static DateTimeOffset Amsterdam(int month, int day, int hour, int minute = 0)
        => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1)); // CET in winter

    [Fact]
    public void NewFieldsAreCheckedAtTheirPaths()
    {
        var sent = Leiden with
        {
            Region = "brabant",
            Languages = ["nl", "klingon", " ar ", "ar"],
            Exceptions = [new(null, "09:00", "10:00"), new(new DateOnly(2026, 12, 25), "12:00", null), new(new DateOnly(2026, 12, 26), null, null),
                new(new DateOnly(2026, 12, 26), "10:00", "12:00")],
            Visits = (Visiting)9,
            CityName = "Leyde\n",
        };
        var errors = FieldValidation.Check(ContentKind.SupportPoint, sent).Errors.Select(e => $"{e.Path} {e.Key}").ToList();
        Assert.Equal([
            "fields.languages[1] editor.error.spoken-language", "fields.region editor.error.region", "fields.cityName editor.error.control-character",
            "fields.exceptions[0].date editor.error.required", "fields.exceptions[1].to editor.error.required",
            "fields.exceptions[3].date editor.error.date-twice", "fields.visits editor.error.visits",
        ], errors);

        var (ok, none) = FieldValidation.Check(ContentKind.SupportPoint, Leiden with { Languages = ["nl", " ar ", "ar", ""], CityName = " Leyde " });
        Assert.Empty(none);
        var point = (SupportPointFields)ok!;
        Assert.Equal(["nl", "ar"], point.Languages);
        Assert.Equal("Leyde", point.CityName);
        Assert.True(Assert.Single(point.HoursExceptions).Closed);
    }

    [Fact]
    public void ARevisionStoredBeforeTheFinderStillReads()
    {
        const string old = """
            {"$kind":"support-point","city":"Leiden","address":"Oude Rijn 44B","postcode":"2312 HG","phone":"071-5133088","email":null,
             "counsellors":[{"name":"Margreet Bakker","email":"mbakker@vluchtelingenwerk.nl","phone":null}],
             "openingHours":[{"days":"ma-vr","from":"09:00","to":"17:00","byAppointment":false}],"languages":[],"verified":"2026-11-28"}
            """;
        var f = Assert.IsType<SupportPointFields>(JsonSerializer.Deserialize<Portal.Content.ContentFields>(old, ContentRevisionConfiguration.Json));
        Assert.Equal(("Leiden", (string?)null, (string?)null, (Visiting?)null), (f.DisplayCity, f.Region, f.Accessibility, f.Visits));
        Assert.Empty(f.HoursExceptions);
        Assert.Null(Assert.Single(f.OpeningHours).Day);
        Assert.Equal(OpeningState.Unknown, OpeningStatus.At(f, Amsterdam(12, 8, 10)).State); // a free-text line says nothing to "open now"

        var json = JsonSerializer.Serialize<Portal.Content.ContentFields>(Leiden, ContentRevisionConfiguration.Json);
        var back = Assert.IsType<SupportPointFields>(JsonSerializer.Deserialize<Portal.Content.ContentFields>(json, ContentRevisionConfiguration.Json));
        Assert.Equal(json, JsonSerializer.Serialize<Portal.Content.ContentFields>(back, ContentRevisionConfiguration.Json));
        Assert.Equal(Leiden.OpeningHours, back.OpeningHours);
        Assert.Equal(Leiden.HoursExceptions, back.HoursExceptions);
        Assert.Equal((Leiden.Region, Leiden.Visits), (back.Region, back.Visits));
        Assert.Equal(Leiden.Languages, back.Languages);
        Assert.DoesNotContain("displayCity", json);
    }

    [Fact]
    public void ATranslationBringsTheCityNameAndAccessibilityWordingButNoFacts()
    {
        var source = Leiden with { Accessibility = "Ingang zonder drempel." };
        var translated = Leiden with { CityName = "ليدن", Accessibility = "مدخل بدون درجات.", Phone = "000", Region = "utrecht", Languages = [] };
        var stored = (SupportPointFields)ContentFacts.ForTranslation(source, translated)!;
        Assert.Equal(("ليدن", "مدخل بدون درجات.", "071-5133088", "zuid-holland"), (stored.CityName, stored.Accessibility, stored.Phone, stored.Region));

        var shown = (SupportPointFields)ContentFacts.Merge(source with { Phone = "071-0000000" }, stored, source)!;
        Assert.Equal(("ليدن", "مدخل بدون درجات.", "071-0000000"), (shown.DisplayCity, shown.Accessibility, shown.Phone));
        // The source's note changed after the translation: its current (Dutch) note, never an outdated one.
        var changed = (SupportPointFields)ContentFacts.Merge(source with { Accessibility = "Lift aanwezig." }, stored, source)!;
        Assert.Equal(("ليدن", "Lift aanwezig."), (changed.DisplayCity, changed.Accessibility));
    }

    // Leiden here: Monday 09:00-12:30 and 13:30-17:00, Wednesday 09:00-17:00, closed on Monday 7 December 2026.
    [Theory]
    [InlineData(12, 6, 20, 0, OpeningState.Opens, "2026-12-09", "09:00", "2026-12-06T23:00Z")] // Sunday night: Monday 7th is closed; "changes" at midnight
    [InlineData(12, 14, 10, 0, OpeningState.Open, "2026-12-14", "09:00", "2026-12-14T11:30Z")] // open until 12:30 (CET = UTC+1)
    [InlineData(12, 14, 12, 45, OpeningState.Opens, "2026-12-14", "13:30", "2026-12-14T12:30Z")] // the lunch break: opens today at 13:30
    [InlineData(12, 14, 17, 0, OpeningState.Opens, "2026-12-16", "09:00", "2026-12-14T23:00Z")] // 17:00 is closed
    [InlineData(12, 9, 8, 59, OpeningState.Opens, "2026-12-09", "09:00", "2026-12-09T08:00Z")]
    public void OpenNowAndOpensAtFollowTheWeekAndItsExceptionsInAmsterdamTime(int month, int day, int hour, int minute, OpeningState state, string date, string from, string changes)
    {
        var status = OpeningStatus.At(Leiden, Amsterdam(month, day, hour, minute));
        Assert.Equal((state, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), from), (status.State, status.Date!.Value, status.From));
        Assert.Equal(DateTimeOffset.Parse(changes, System.Globalization.CultureInfo.InvariantCulture), status.Changes);
    }

    [Fact]
    public void SummerTimeIsAmsterdamsToo()
    {
        var point = Leiden with { OpeningHours = [new(DayOfWeek.Wednesday, "09:00", "17:00")], Exceptions = null };
        var status = OpeningStatus.At(point, new DateTimeOffset(2026, 7, 1, 7, 30, 0, TimeSpan.Zero)); // 09:30 CEST
        Assert.Equal((OpeningState.Open, "17:00"), (status.State, status.To));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero), status.Changes);
        Assert.Equal(OpeningState.Unknown, OpeningStatus.At(point with { OpeningHours = [] }, DateTimeOffset.UnixEpoch).State);
    }

    [Fact]
    public void ContentFilesCarryTheNewFieldsBothWaysAndNameABadDayByLine()
    {
        var item = new ContentItem { Kind = ContentKind.SupportPoint, Key = "leiden" };
        var translation = new ContentTranslation { Culture = "nl", Slug = "leiden", Item = item };
        var revision = new ContentRevision
        {
            Title = "Steunpunt Terugkeer Leiden", Summary = "Praat met een counselor.", BodyMarkdown = "Tekst.", BodyHtml = "<p>Tekst.</p>",
            CreatedBy = "test", Number = 1, UpdatedOn = new DateOnly(2026, 11, 28), Fields = Leiden with { Accessibility = "Ingang zonder drempel." },
        };
        var text = new ContentExporter(null!, ConfiguredCultures.Options, new Portal.Media.MediaStore(null)).Render(item, translation, revision, null);
        Assert.Contains("- day: monday\n  from: 09:00\n  to: 12:30\n", text);
        Assert.Contains("exceptions:\n- date: 2026-12-07\n", text);
        Assert.Contains("visits: walk-in\n", text);

        var dir = Directory.CreateTempSubdirectory("portal-finder").FullName;
        try
        {
            var path = Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "support-points")).FullName, "leiden.nl.md");
            File.WriteAllText(path, text);
            var problems = new List<ContentProblem>();
            var file = new ContentFileReader(ConfiguredCultures.All, ConfiguredCultures.Source).Read(path, "leiden.nl.md", problems);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var read = Assert.IsType<SupportPointFields>(file!.Fields);
            Assert.Equal(Leiden.OpeningHours, read.OpeningHours);
            Assert.Equal(Leiden.HoursExceptions, read.HoursExceptions);
            Assert.Equal((Visiting.WalkIn, "zuid-holland", "Ingang zonder drempel."), (read.Visits!.Value, read.Region, read.Accessibility));

            var first = text.IndexOf("day: monday", StringComparison.Ordinal);
            File.WriteAllText(path, text[..first] + "day: maandag" + text[(first + "day: monday".Length)..]);
            new ContentFileReader(ConfiguredCultures.All, ConfiguredCultures.Source).Read(path, "leiden.nl.md", problems);
            var problem = Assert.Single(problems);
            Assert.Contains("maandag", problem.Message);
            Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains("day: monday", StringComparison.Ordinal)) + 1, problem.Line);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
