using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using YamlDotNet.RepresentationModel;

namespace Portal.Content.Import;

/// <summary>
/// Reads content/&lt;folder&gt;/&lt;key&gt;.&lt;culture&gt;.md files and checks each on its own (the file's shape here, its
/// values by <see cref="FieldValidation"/>, the rules of the workspace and the API); <see cref="ContentValidator"/> checks them together.
/// </summary>
public sealed partial class ContentFileReader(IReadOnlyCollection<string> cultures, string sourceCulture, IStringLocalizerFactory? strings = null)
{
    private static readonly HashSet<string> KnownFields =
    [
        "kind", "key", "culture", "slug", "title", "summary", "order", "updated", "reviewed", "change_note",
        "translated_from", "human_reviewed", "country", "next_review", "sources", "guide", "effective",
        "legal", "physical", "material", "city", "address", "postcode", "phone", "email", "counsellors",
        "opening_hours", "languages", "verified", "region", "city_name", "exceptions", "visits", "accessibility", "name", "age", "consent", "revision", "major", "published",
    ];

    /// <summary>A content file's limit: far above any page the portal holds, far below what would fill an editor's screen.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// The file's text, when it is within <see cref="MaxFileBytes"/> and valid UTF-8 (a byte that is not would be
    /// stored as U+FFFD, silently); else a problem with the line of the first bad byte.
    /// </summary>
    private static string? ReadText(string path, string displayPath, List<ContentProblem> problems)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            problems.Add(new(displayPath, 1, $"the file has {length / 1024} KB; a content file may have at most {MaxFileBytes / 1024} KB"));
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> rest = bytes;
        var line = 1;
        while (!rest.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                problems.Add(new(displayPath, line, $"the file is not valid UTF-8 (byte 0x{rest[0]:X2} at offset {bytes.Length - rest.Length}); save it as UTF-8"));
                return null;
            }
            if (rune.Value == '\n') line++;
            rest = rest[used..];
        }
        return new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
    }

    public ContentFile? Read(string path, string displayPath, List<ContentProblem> problems)
    {
        var fileName = System.IO.Path.GetFileName(path);
        var nameMatch = FileName().Match(fileName);
        if (!nameMatch.Success)
        {
            problems.Add(new(displayPath, 1, "file name must be <key>.<culture>.md, e.g. guinea.fr.md (or <key>.<culture>.r<N>.md for an unpublished revision N)"));
            return null;
        }
        var fileKey = nameMatch.Groups["key"].Value;
        var culture = nameMatch.Groups["culture"].Value;
        int? fileRevision = nameMatch.Groups["rev"].Success ? int.Parse(nameMatch.Groups["rev"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

        var before = problems.Count;
        if (ReadText(path, displayPath, problems) is not { } text) return null;
        var fm = FrontMatter.Parse(displayPath, text, problems);
        if (fm is null) return null;

        if (!cultures.Contains(culture))
            fm.Problem(1, $"unknown language '{culture}' in the file name; supported: {string.Join(", ", cultures)}");
        if (fm.String("culture") is { } declared && declared != culture)
            fm.Problem(fm.LineOf("culture"), $"culture '{declared}' does not match the file name's '{culture}'");

        foreach (var field in fm.Fields.Where(f => !KnownFields.Contains(f)))
            fm.Problem(fm.LineOf(field), $"unknown field '{field}'");

        var kindText = fm.String("kind", required: true);
        ContentKind kind = default;
        if (kindText is not null && !ContentKinds.TryParse(kindText, out kind))
        {
            fm.Problem(fm.LineOf("kind"), $"unknown kind '{kindText}'; expected one of: {ContentKinds.Names}");
            kindText = null;
        }
        if (kindText is not null)
        {
            var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path));
            var expected = ContentKinds.Of(kind).Folder;
            if (folder != expected)
                fm.Problem(fm.LineOf("kind"), $"a {kind.ToKebab()} belongs in the folder '{expected}/', not '{folder}/'");
        }

        var key = fm.String("key", required: true);
        if (key is not null && key != fileKey)
            fm.Problem(fm.LineOf("key"), $"key '{key}' does not match the file name's '{fileKey}'");

        var slug = fm.String("slug") ?? key ?? fileKey;
        if (!Slugs.IsValid(slug))
            fm.Problem(fm.LineOf("slug"), $"slug '{slug}' may only hold a-z, 0-9 and single '-', at most {Slugs.MaxLength} characters");

        var title = fm.String("title", required: true);
        var summary = fm.String("summary", required: true);
        var updated = fm.Date("updated", required: true);
        var major = fm.Bool("major");
        var changeNote = fm.String("change_note", required: major != false); // a minor revision need not say what changed
        var order = fm.Int("order") ?? 0;
        var revision = fm.Int("revision");
        if (revision is < 1) fm.Problem(fm.LineOf("revision"), "'revision' must be 1 or more");
        if (fileRevision is not null && revision is not null && revision != fileRevision)
            fm.Problem(fm.LineOf("revision"), $"revision {revision} does not match the file name's r{fileRevision}");
        if (fileRevision is < 1) fm.Problem(1, "the revision in the file name must be 1 or more");
        DateTimeOffset? publishedAt = null;
        if (fm.String("published") is { } publishedText)
        {
            if (DateTimeOffset.TryParse(publishedText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var p)) publishedAt = p;
            else fm.Problem(fm.LineOf("published"), $"'published' must be a date and time such as 2026-11-28T09:30:00+00:00, not '{publishedText}'");
        }
        var reviewed = fm.Date("reviewed");

        int? translatedFrom = null;
        var humanReviewed = true;
        if (culture != sourceCulture)
        {
            translatedFrom = fm.Int("translated_from", required: true);
            humanReviewed = fm.Bool("human_reviewed") ?? false;
        }
        else if (fm.Has("translated_from"))
        {
            fm.Problem(fm.LineOf("translated_from"), $"'translated_from' is only for translations, not for the source language '{sourceCulture}'");
        }

        ContentFields? fields = null;
        string? country = null;
        if (kindText is not null)
        {
            (fields, country) = kind switch
            {
                ContentKind.CountryGuide => ReadGuide(fm),
                ContentKind.SafetyAssessment => ReadSafety(fm),
                ContentKind.SupportPoint => (ReadSupportPoint(fm), null),
                ContentKind.Story => ReadStory(fm),
                ContentKind.Page => (null, null),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No front matter reader for this kind."),
            };
            if (ContentKinds.Of(kind).Reviewed && reviewed is null)
                fm.Problem(FrontMatter.HeaderLine, "missing required field 'reviewed'");
        }

        if (problems.Count > before) return null;
        // The values' rules, the same as for a draft saved in the workspace or through the API, at the line of each value.
        var (_, errors) = FieldValidation.CheckDraft(kind, title, summary, fm.Body, changeNote, isMajor: false, fields);
        foreach (var e in errors) fm.Problem(fm.LineOfPath(e.Path), $"{e.Path}: {e.English(strings)}");
        if (problems.Count > before) return null;
        return new ContentFile(displayPath, kind, key!, culture, slug, fm.LineOf("slug"), title!, summary!, order, updated!.Value,
            reviewed, changeNote, translatedFrom, fm.LineOf("translated_from"), humanReviewed, country, fields, fm.Body,
            fileRevision ?? revision, Publish: fileRevision is null, major, publishedAt);
    }

    private static string? Country(FrontMatter fm) => fm.String("country", required: true);

    private static (ContentFields?, string?) ReadGuide(FrontMatter fm)
    {
        var country = Country(fm);
        var next = fm.Date("next_review", required: true);
        var sources = Sources(fm);
        return country is null || next is null ? (null, null) : (new CountryGuideFields(country, next, sources), country);
    }

    private static (ContentFields?, string?) ReadSafety(FrontMatter fm)
    {
        var country = Country(fm);
        var guide = fm.String("guide", required: true);
        var effective = fm.Date("effective", required: true);
        var next = fm.Date("next_review", required: true);
        var legal = Dimension(fm, "legal");
        var physical = Dimension(fm, "physical");
        var material = Dimension(fm, "material");
        var sources = Sources(fm);
        if (country is null || guide is null || effective is null || next is null || legal is null || physical is null || material is null)
            return (null, null);
        return (new SafetyFields(country, guide, effective.Value, next.Value, legal, physical, material, sources), country);
    }

    private static SafetyDimension? Dimension(FrontMatter fm, string name)
    {
        var map = fm.Mapping(name, required: true);
        if (map is null) return null;
        var levelText = fm.String("level", required: true, within: map, prefix: name);
        var summary = fm.String("summary", required: true, within: map, prefix: name);
        var explanation = fm.String("explanation", required: true, within: map, prefix: name);
        if (levelText is null || summary is null || explanation is null) return null;
        if (!Enum.TryParse<SafetyLevel>(levelText, ignoreCase: true, out var level) || !Enum.IsDefined(level) || char.IsDigit(levelText[0]))
        {
            fm.Problem(map.Children[new YamlScalarNode("level")], $"{name}.level must be one of: {string.Join(", ", Enum.GetNames<SafetyLevel>().Select(n => n.ToLowerInvariant()))}");
            return null;
        }
        return new SafetyDimension(level, summary, explanation);
    }

    private static List<SourceRef> Sources(FrontMatter fm)
    {
        var list = new List<SourceRef>();
        foreach (var node in fm.Sequence("sources"))
        {
            if (node is not YamlMappingNode m)
            {
                fm.Problem(node, "each source must have a 'title' (and optionally 'url' and 'date')");
                continue;
            }
            var title = fm.String("title", required: true, within: m, prefix: "sources");
            var url = fm.String("url", within: m);
            var date = fm.Date("date", within: m, prefix: "sources");
            if (title is not null) list.Add(new SourceRef(title, url, date));
        }
        return list;
    }

    private static SupportPointFields? ReadSupportPoint(FrontMatter fm)
    {
        var city = fm.String("city", required: true);
        var email = fm.String("email");
        var phone = fm.String("phone");

        var counsellors = new List<Counsellor>();
        foreach (var node in fm.Sequence("counsellors"))
        {
            if (node is not YamlMappingNode m) { fm.Problem(node, "each counsellor needs a 'name' (and optionally 'email', 'phone')"); continue; }
            var name = fm.String("name", required: true, within: m, prefix: "counsellors");
            var ce = fm.String("email", within: m);
            if (name is not null) counsellors.Add(new Counsellor(name, ce, fm.String("phone", within: m)));
        }

        var hours = new List<OpeningHours>();
        foreach (var node in fm.Sequence("opening_hours"))
        {
            if (node is not YamlMappingNode m) { fm.Problem(node, "each opening_hours entry needs 'day' (monday ... sunday), 'from' and 'to'"); continue; }
            var dayText = fm.String("day", within: m);
            DayOfWeek? day = null;
            if (dayText is not null && Enum.TryParse<DayOfWeek>(dayText, ignoreCase: true, out var d) && dayText.All(char.IsAsciiLetter)) day = d;
            else fm.Problem(node, $"opening_hours: day '{dayText}' is none of monday, tuesday, wednesday, thursday, friday, saturday, sunday");
            hours.Add(new OpeningHours(day, fm.String("from", within: m), fm.String("to", within: m)));
        }

        var exceptions = new List<HoursException>();
        foreach (var node in fm.Sequence("exceptions"))
        {
            if (node is not YamlMappingNode m) { fm.Problem(node, "each exceptions entry needs a 'date', and 'from' and 'to' unless closed all day"); continue; }
            exceptions.Add(new HoursException(fm.Date("date", required: true, within: m, prefix: "exceptions"), fm.String("from", within: m), fm.String("to", within: m)));
        }

        Visiting? visits = fm.String("visits") switch
        {
            null => null,
            "walk-in" => Visiting.WalkIn,
            "by-appointment" => Visiting.ByAppointment,
            var other => Unknown(other),
        };
        Visiting? Unknown(string value)
        {
            fm.Problem(fm.LineOf("visits"), $"visits: '{value}' is neither walk-in nor by-appointment");
            return null;
        }

        var languages = fm.Sequence("languages").OfType<YamlScalarNode>().Select(n => n.Value ?? "").Where(v => v.Length > 0).ToList();
        var verified = fm.Date("verified");
        return city is null ? null : new SupportPointFields(city, fm.String("address"), fm.String("postcode"), phone, email, counsellors, hours, languages, verified,
            fm.String("region"), fm.String("city_name"), exceptions, visits, fm.String("accessibility"));
    }

    private (ContentFields?, string?) ReadStory(FrontMatter fm)
    {
        var country = Country(fm);
        var guide = fm.String("guide", required: true);
        var name = fm.String("name", required: true);
        var age = fm.Int("age");
        var consentMap = fm.Mapping("consent", required: true);
        StoryConsent? consent = null;
        if (consentMap is not null)
        {
            var covers = fm.Sequence("covers", consentMap).OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToList();
            foreach (var unknown in covers.Except(["text", "name", "photo"]))
                fm.Problem(consentMap, $"consent.covers: '{unknown}' is none of text, name, photo");
            var languages = fm.Sequence("languages", consentMap).OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToList();
            foreach (var unknown in languages.Where(l => !cultures.Contains(l)))
                fm.Problem(consentMap, $"consent.languages: '{unknown}' is not a language of this portal ({string.Join(", ", cultures)})");
            consent = new StoryConsent(
                fm.Date("recorded", within: consentMap, prefix: "consent"),
                fm.String("scope", required: true, within: consentMap, prefix: "consent") ?? "",
                fm.Date("expires", within: consentMap, prefix: "consent"),
                fm.String("given_by", within: consentMap, prefix: "consent"),
                Flag(fm, consentMap, "date_unknown"),
                new ConsentCovers(covers.Contains("text"), covers.Contains("name"), covers.Contains("photo"), languages),
                Flag(fm, consentMap, "until_withdrawn"));
        }
        if (country is null || guide is null || name is null || consent is null) return (null, null);
        return (new StoryFields(country, guide, name, age, consent), country);
    }

    private static bool Flag(FrontMatter fm, YamlMappingNode within, string field)
        => fm.String(field, within: within, prefix: "consent") is { } v && (v == "true" || Problem(fm, within, $"consent.{field} must be true or leave it out, not '{v}'"));

    private static bool Problem(FrontMatter fm, YamlNode node, string message)
    {
        fm.Problem(node, message);
        return false;
    }

    [GeneratedRegex(@"^(?<key>[a-z0-9][a-z0-9\-]*)\.(?<culture>[A-Za-z\-]+)(?:\.r(?<rev>[0-9]{1,6}))?\.md$")]
    private static partial Regex FileName();
}
