using System.Globalization;

namespace Portal.Content.Editing;

/// <summary>
/// A kind's structured fields as named lines in words ("Physical safety – level: high risk"), so the revision diff and the
/// safety review compare what an editor reads, not JSON. Labels and level names come from the caller's localizer.
/// </summary>
public static class FieldDiff
{
    /// <param name="Whole">A value that is replaced, not edited (a level, a date): shown as old → new rather than a word diff.</param>
    public sealed record Line(string Label, string Before, string After, bool Whole = false)
    {
        public bool Changed => Before != After;
        public string Html => Whole
            ? $"<del>{System.Net.WebUtility.HtmlEncode(Before)}</del> → <ins>{System.Net.WebUtility.HtmlEncode(After)}</ins>"
            : WordDiff.Html(Before, After);
    }

    /// <summary>Every field either revision has, in the form's order; unchanged lines included (callers filter).</summary>
    public static IReadOnlyList<Line> Compare(ContentFields? before, ContentFields? after, Func<string, string> t)
    {
        var a = Describe(before, t).ToList();
        var b = Describe(after, t).ToList();
        var labels = b.Select(x => x.Label).Concat(a.Select(x => x.Label)).Distinct();
        return labels.Select(l =>
        {
            var (x, y) = (a.FirstOrDefault(v => v.Label == l), b.FirstOrDefault(v => v.Label == l));
            return new Line(l, x.Value ?? "", y.Value ?? "", x.Whole || y.Whole);
        }).ToList();
    }

    private static IEnumerable<(string Label, string Value, bool Whole)> Describe(ContentFields? fields, Func<string, string> t)
    {
        string L(string key) => t(key).TrimEnd(':', ' ', '\u00a0');
        switch (fields)
        {
            case CountryGuideFields g:
                yield return (L("editor.country"), g.CountryCode, false);
                yield return (L("safety.next-review"), Date(g.NextReview), true);
                yield return (L("content.sources"), Sources(g.Sources), false);
                break;
            case SafetyFields s:
                yield return (L("editor.country"), s.CountryCode, false);
                yield return (L("editor.guide"), s.GuideKey, false);
                yield return (L("safety.effective"), Date(s.Effective), true);
                yield return (L("safety.next-review"), Date(s.NextReview), true);
                foreach (var name in ContentFacts.DimensionNames)
                {
                    var d = s.Get(name);
                    yield return ($"{L("safety." + name)} – {L("editor.level")}", t(d.Level.LocaleKey()), true);
                    yield return ($"{L("safety." + name)} – {L("editor.summary")}", d.Summary, false);
                    yield return ($"{L("safety." + name)} – {L("editor.explanation")}", d.Explanation, false);
                }
                yield return (L("content.sources"), Sources(s.Sources), false);
                break;
            case SupportPointFields p:
                yield return (L("support.city"), p.City, false);
                yield return (L("editor.address"), p.Address ?? "", false);
                yield return (L("editor.postcode"), p.Postcode ?? "", false);
                yield return (L("support.phone"), p.Phone ?? "", false);
                yield return (L("support.email"), p.Email ?? "", false);
                yield return (L("support.counsellor"), string.Join("\n", p.Counsellors.Select(c => string.Join(", ", new[] { c.Name, c.Email, c.Phone }.Where(x => !string.IsNullOrEmpty(x))))), false);
                yield return (L("support.city-name"), p.CityName ?? "", false);
                yield return (L("support.region"), p.Region is null ? "" : t(Provinces.LocaleKey(p.Region)), true);
                yield return (L("support.hours"), string.Join("\n", p.OpeningHours.Select(h => $"{OpeningStatus.DayName(h.Day, CultureInfo.CurrentUICulture)} {h.From}–{h.To}")), false);
                yield return (L("support.exceptions"), string.Join("\n", p.HoursExceptions.Select(x => $"{Date(x.Date)} {(x.Closed ? L("support.closed") : $"{x.From}–{x.To}")}")), false);
                yield return (L("support.visits"), p.Visits is { } v ? L(OpeningStatus.LocaleKey(v)) : "", true);
                yield return (L("support.languages"), string.Join(", ", p.Languages), false);
                yield return (L("support.accessibility"), p.Accessibility ?? "", false);
                yield return (L("support.verified"), Date(p.Verified), true);
                break;
            case StoryFields s:
                yield return (L("editor.country"), s.CountryCode, false);
                yield return (L("editor.guide"), s.GuideKey, false);
                yield return (L("editor.story-name"), s.Name, false);
                yield return (L("editor.story-age"), s.Age?.ToString(CultureInfo.InvariantCulture) ?? "", false);
                var c = s.Consent;
                yield return (L("editor.consent-given-by"), c.GivenBy ?? "", false);
                yield return (L("editor.consent-recorded"), c.DateUnknown ? L("editor.consent-date-unknown") : Date(c.Recorded), true);
                yield return (L("editor.consent-covers"), string.Join(", ", new[] { (c.Covers?.Text, "editor.consent-covers-text"), (c.Covers?.Name, "editor.consent-covers-name"),
                    (c.Covers?.Photo, "editor.consent-covers-photo") }.Where(x => x.Item1 == true).Select(x => L(x.Item2)).Concat(c.Covers?.Languages ?? [])), false);
                yield return (L("editor.consent-scope"), c.Scope, false);
                yield return (L("editor.consent-expires"), c.UntilWithdrawn ? L("editor.consent-until-withdrawn") : Date(c.Expires), true);
                break;
        }
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Sources(IReadOnlyList<SourceRef> sources)
        => string.Join("\n", sources.Select(s => string.Join(", ", new[] { s.Title, s.Url, Date(s.Date) }.Where(x => !string.IsNullOrEmpty(x)))));
}
