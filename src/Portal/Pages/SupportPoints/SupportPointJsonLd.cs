using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Portal.Content;

namespace Portal.Pages.SupportPoints;

/// <summary>
/// The support points as schema.org JSON-LD (LocalBusiness with OpeningHoursSpecification) for search engines and apps.
/// A <c>&lt;script type="application/ld+json"&gt;</c> is a data block: browsers never run it, so the CSP's
/// <c>default-src 'none'</c> needs no script source. The encoder escapes &lt; &gt; &amp; so no text can close the element.
/// </summary>
public static class SupportPointJsonLd
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <param name="pageUrl">The absolute address of the list page; each point is a fragment of it.</param>
    /// <param name="regionName">A province code's name in the page's language.</param>
    public static string Build(IEnumerable<(IPublishedText Text, SupportPointFields Fields)> points, string pageUrl, Func<string, string> regionName)
    {
        var graph = new JsonArray();
        foreach (var (text, f) in points)
        {
            var point = new JsonObject
            {
                ["@type"] = "LocalBusiness",
                ["@id"] = $"{pageUrl}#{text.Slug}",
                ["name"] = text.Title,
                ["description"] = text.Summary,
                ["url"] = $"{pageUrl}#{text.Slug}",
                ["parentOrganization"] = new JsonObject { ["@type"] = "NGO", ["name"] = "VluchtelingenWerk Nederland" },
                ["address"] = Address(f, regionName),
            };
            if (SupportPointLinks.Tel(f.Phone) is { } tel) point["telephone"] = tel["tel:".Length..];
            if (f.Email is not null) point["email"] = f.Email;
            if (f.Languages.Count > 0) point["knowsLanguage"] = new JsonArray([.. f.Languages.Select(l => JsonValue.Create(l))]);
            var hours = new JsonArray();
            foreach (var h in f.OpeningHours.Where(h => h.Day is not null))
                hours.Add(Hours(new JsonObject { ["dayOfWeek"] = "https://schema.org/" + h.Day }, h.From, h.To));
            foreach (var x in f.HoursExceptions.Where(x => x.Date is not null))
            {
                var day = x.Date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                // schema.org's way to say "closed all day": opens and closes at 00:00 on that date.
                hours.Add(Hours(new JsonObject { ["validFrom"] = day, ["validThrough"] = day }, x.From ?? "00:00", x.To ?? "00:00"));
            }
            if (hours.Count > 0) point["openingHoursSpecification"] = hours;
            graph.Add(point);
        }
        return new JsonObject { ["@context"] = "https://schema.org", ["@graph"] = graph}.ToJsonString(Options);
    }

    private static JsonObject Address(SupportPointFields f, Func<string, string> regionName)
    {
        var a = new JsonObject { ["@type"] = "PostalAddress", ["addressLocality"] = f.City, ["addressCountry"] = "NL" };
        if (f.Address is not null) a["streetAddress"] = f.Address;
        if (f.Postcode is not null) a["postalCode"] = f.Postcode;
        if (f.Region is not null) a["addressRegion"] = regionName(f.Region);
        return a;
    }

    private static JsonObject Hours(JsonObject spec, string? opens, string? closes)
    {
        spec["@type"] = "OpeningHoursSpecification";
        spec["opens"] = opens;
        spec["closes"] = closes;
        return spec;
    }
}
