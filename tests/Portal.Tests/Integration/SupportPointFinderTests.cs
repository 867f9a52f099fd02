using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the filters and the new fields are read from the published revisions in the database.
/// <summary>
/// The support-point finder as a reader and an app see it: filters by region and language spoken, "open now / opens at"
/// on a fixed clock (Amsterdam time), "not known" for what is empty, JSON-LD and the delivery API's fields.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class SupportPointFinderTests : IDisposable
{
    // Monday 14 December 2026, 10:00 in Amsterdam (CET).
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;

    public SupportPointFinderTests() => _app = new ClockedPortalApplication(_clock);

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// Test data only (the shipped files know no hours or languages): Leiden in Utrecht province, open Monday 09:00-17:00
    /// and Wednesday, closed on 25 December, walk-in, Dutch and Arabic; Den Haag Tuesday afternoons, Dutch and Persian.
    /// Rotterdam stays as shipped: no phone, no hours, no languages.
    /// </summary>
    private Task GiveHoursAsync() => GiveHoursAsync(_app);

    internal static async Task GiveHoursAsync(PortalApplication app)
    {
        await app.WithDbAsync(async (db, _) =>
        {
            var revisions = await db.ContentTranslations.Where(t => t.Item.Kind == ContentKind.SupportPoint && t.Culture == "nl")
                .Select(t => new { t.Item.Key, Revision = t.PublishedRevision! }).ToListAsync();
            foreach (var r in revisions)
            {
                var f = (SupportPointFields)r.Revision.Fields!;
                r.Revision.Fields = r.Key switch
                {
                    "leiden" => f with
                    {
                        Region = "utrecht", Visits = Visiting.WalkIn, Languages = ["nl", "ar"],
                        OpeningHours = [new(DayOfWeek.Monday, "09:00", "17:00"), new(DayOfWeek.Wednesday, "09:00", "12:00")],
                        Exceptions = [new(new DateOnly(2026, 12, 25), null, null)],
                    },
                    "den-haag" => f with { Languages = ["nl", "fa"], OpeningHours = [new(DayOfWeek.Tuesday, "13:00", "16:00")] },
                    _ => f,
                };
            }
            return await db.SaveChangesAsync();
        });
        await app.EvictReaderCacheAsync();
    }

    private static List<string> Points(AngleSharp.Html.Dom.IHtmlDocument doc) => doc.QuerySelectorAll("section.point").Select(s => s.Id!).ToList();

    [Fact]
    public async Task TheListFiltersByRegionAndByLanguageSpokenWithAPlainGetForm()
    {
        await GiveHoursAsync();
        using var client = _app.CreateReaderClient();
        var all = await client.GetDocumentAsync("/en/support-points");
        Assert.Equal(["den-haag", "leiden", "rotterdam"], Points(all).Order());
        var form = all.QuerySelector("form.filter")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal(["", "utrecht", "zuid-holland"], all.QuerySelectorAll("#region option").Select(o => o.GetAttribute("value")!));
        Assert.Equal(["All provinces", "Utrecht", "South Holland"], all.QuerySelectorAll("#region option").Select(o => o.TextContent));
        Assert.Contains(all.QuerySelectorAll("#language option"), o => o.GetAttribute("value") == "ckb" && o.TextContent == "Sorani (Kurdish)");

        Assert.Equal(["leiden"], Points(await client.GetDocumentAsync("/en/support-points?region=utrecht")));
        Assert.Equal(["den-haag", "rotterdam"], Points(await client.GetDocumentAsync("/en/support-points?region=zuid-holland")).Order());

        // Arabic: Leiden speaks it; Rotterdam's languages are not known, so it stays (said so); Den Haag does not.
        var arabic = await client.GetDocumentAsync("/en/support-points?language=ar");
        Assert.Equal(["leiden", "rotterdam"], Points(arabic).Order());
        Assert.Contains("Arabic", arabic.QuerySelector(".notice[role=status]")!.TextContent);
        Assert.Equal("selected", arabic.QuerySelector("#language option[value=ar]")!.GetAttribute("selected"));
        Assert.Equal(["rotterdam"], Points(await client.GetDocumentAsync("/en/support-points?region=zuid-holland&language=ar")));
        Assert.Empty(Points(await client.GetDocumentAsync("/en/support-points?region=groningen")));

        // A value no form offers is ignored rather than refused or cached: the whole list.
        using var odd = await client.GetAsync("/en/support-points?region=atlantis&language=xx");
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        Assert.Equal(3, Points(await Html.GetDocumentAsync(odd)).Count);

        // The city's name in the reader's script, next to the Dutch one the address uses.
        var ar = await client.GetDocumentAsync("/ar/support-points?region=zuid-holland");
        Assert.Contains("لاهاي (Den Haag)", ar.QuerySelector("#den-haag dl.facts")!.TextContent);
        Assert.Contains(ar.QuerySelectorAll("#den-haag a"), a => a.TextContent.Contains("لاهاي", StringComparison.Ordinal) && a.GetAttribute("href")!.Contains("openstreetmap", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmptyFieldsSayNotKnownAndNoPhoneIsNeverAskedFor()
    {
        using var client = _app.CreateReaderClient();
        var doc = await client.GetDocumentAsync("/en/support-points");
        var rotterdam = doc.QuerySelector("#rotterdam")!;
        var facts = rotterdam.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent, dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("not known", facts["Opening hours"]);
        Assert.Equal("not known", facts["Languages"]);
        Assert.Equal("not known", facts["Phone"]);
        Assert.Equal("not known", facts["Accessibility"]);
        Assert.Equal("South Holland", facts["Province"]);
        Assert.DoesNotContain("Phone or e-mail first", rotterdam.TextContent);
        Assert.DoesNotContain("Phone first", rotterdam.TextContent);
        Assert.Contains("E-mail first to make an appointment.", rotterdam.TextContent);
        Assert.Contains("Phone or e-mail first to make an appointment.", doc.QuerySelector("#den-haag")!.TextContent);
        // Links say where they go: one route and one contact card per point, each naming its city.
        var names = doc.QuerySelectorAll("section.point a").Select(a => a.TextContent).Where(t => t.Contains("support point", StringComparison.Ordinal)).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("Route to the Leiden support point (OpenStreetMap)", names);
    }

    [Fact]
    public async Task OpenNowAndOpensAtOnTheAmsterdamClockAndTheCachedCopyEndsWhenTheyChange()
    {
        await GiveHoursAsync();
        using var client = _app.CreateReaderClient();
        async Task<string> HoursAsync(string id)
        {
            var doc = await client.GetDocumentAsync("/en/support-points");
            return doc.QuerySelector($"#{id} dl.facts dd:nth-of-type(3) strong")?.TextContent ?? "";
        }

        Assert.Equal("Open now, until 17:00", await HoursAsync("leiden"));
        Assert.Equal("Closed now. Opens Tuesday at 13:00", await HoursAsync("den-haag"));
        var doc = await client.GetDocumentAsync("/en/support-points");
        Assert.Equal("date", doc.QuerySelector("#leiden ul.hours li")!.GetAttribute("aria-current")); // Monday, today

        // Two seconds before closing: the cached copy may live two seconds, then the page says closed.
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 15, 59, 58, TimeSpan.Zero));
        await _app.EvictReaderCacheAsync();
        Assert.Equal("Open now, until 17:00", await HoursAsync("leiden"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Open now, until 17:00", await HoursAsync("leiden")); // still the cached copy
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("Closed now. Opens Wednesday at 09:00", await HoursAsync("leiden"));

        // Christmas (a Friday) is an exception; the next opening is Monday the 28th.
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 21, 16, 30, 0, TimeSpan.Zero));
        await _app.EvictReaderCacheAsync();
        Assert.Equal("Closed now. Opens Wednesday at 09:00", await HoursAsync("leiden"));
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 23, 12, 0, 0, TimeSpan.Zero));
        await _app.EvictReaderCacheAsync();
        var christmasWeek = await client.GetDocumentAsync("/en/support-points");
        Assert.Contains("closed", christmasWeek.QuerySelector("#leiden ul.hours")!.TextContent);
        Assert.Contains("2026-12-25", christmasWeek.QuerySelector("#leiden ul.hours time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task JsonLdDescribesThePointsWithTheirOpeningHours()
    {
        await GiveHoursAsync();
        using var client = _app.CreateReaderClient();
        using var response = await client.GetAsync("/fa/support-points");
        Assert.Contains("default-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        var doc = await Html.GetDocumentAsync(response);
        var script = Assert.Single(doc.QuerySelectorAll("script"));
        Assert.Equal("application/ld+json", script.GetAttribute("type"));
        Assert.Null(script.GetAttribute("src"));
        using var json = JsonDocument.Parse(script.TextContent);
        Assert.Equal("https://schema.org", json.RootElement.GetProperty("@context").GetString());
        var points = json.RootElement.GetProperty("@graph").EnumerateArray().ToList();
        Assert.Equal(3, points.Count);
        var leiden = points.Single(p => p.GetProperty("@id").GetString()!.EndsWith("/fa/support-points#leiden", StringComparison.Ordinal));
        Assert.Equal("LocalBusiness", leiden.GetProperty("@type").GetString());
        Assert.Equal("+31715133088", leiden.GetProperty("telephone").GetString());
        Assert.Equal(["nl", "ar"], leiden.GetProperty("knowsLanguage").EnumerateArray().Select(l => l.GetString()));
        var hours = leiden.GetProperty("openingHoursSpecification").EnumerateArray()
            .Select(h => $"{(h.TryGetProperty("dayOfWeek", out var d) ? d.GetString() : h.GetProperty("validFrom").GetString())} {h.GetProperty("opens").GetString()}-{h.GetProperty("closes").GetString()}");
        Assert.Equal(["https://schema.org/Monday 09:00-17:00", "https://schema.org/Wednesday 09:00-12:00", "2026-12-25 00:00-00:00"], hours);
        var rotterdam = points.Single(p => p.GetProperty("@id").GetString()!.EndsWith("#rotterdam", StringComparison.Ordinal));
        Assert.False(rotterdam.TryGetProperty("openingHoursSpecification", out _));
        Assert.False(rotterdam.TryGetProperty("telephone", out _));
    }

    [Fact]
    public async Task TheDeliveryApiGivesTheNewFieldsAndDocumentsThem()
    {
        await GiveHoursAsync();
        using var client = _app.CreateReaderClient();
        var leiden = await client.GetJsonAsync("/api/v1/en/support-points/leiden");
        Assert.Equal(("Leiden", "Leiden", "utrecht", "walk-in"), (leiden.GetProperty("city").GetString(), leiden.GetProperty("cityName").GetString(),
            leiden.GetProperty("region").GetString(), leiden.GetProperty("visits").GetString()));
        var monday = leiden.GetProperty("openingHours")[0];
        Assert.Equal(("monday", "09:00", "17:00"), (monday.GetProperty("day").GetString(), monday.GetProperty("from").GetString(), monday.GetProperty("to").GetString()));
        var christmas = Assert.Single(leiden.GetProperty("hoursExceptions").EnumerateArray());
        Assert.Equal(("2026-12-25", true), (christmas.GetProperty("date").GetString(), christmas.GetProperty("closed").GetBoolean()));
        Assert.Equal(["nl", "ar"], leiden.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        var denHaag = await client.GetJsonAsync("/api/v1/ar/support-points/den-haag");
        Assert.Equal(("Den Haag", "لاهاي", "zuid-holland"), (denHaag.GetProperty("city").GetString(), denHaag.GetProperty("cityName").GetString(), denHaag.GetProperty("region").GetString()));
        var rotterdam = await client.GetJsonAsync("/api/v1/en/support-points/rotterdam");
        Assert.Equal(JsonValueKind.Null, rotterdam.GetProperty("visits").ValueKind);
        Assert.Equal(0, rotterdam.GetProperty("openingHours").GetArrayLength());

        var inZuidHolland = await client.GetJsonAsync("/api/v1/en/support-points?region=zuid-holland&language=fa");
        Assert.Equal(["den-haag", "rotterdam"], inZuidHolland.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()).Order());
        Assert.Equal(["utrecht", "zuid-holland"], inZuidHolland.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        using var unknown = await client.GetAsync("/api/v1/en/support-points?region=atlantis");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);

        var openApi = await client.GetJsonAsync("/openapi/v1.json");
        var properties = openApi.GetProperty("components").GetProperty("schemas").GetProperty("SupportPointDto").GetProperty("properties");
        foreach (var name in new[] { "cityName", "region", "openingHours", "hoursExceptions", "visits", "languages", "accessibility" })
            Assert.True(properties.TryGetProperty(name, out _), name);
    }
}
