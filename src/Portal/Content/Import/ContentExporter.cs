using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Content.Import;

public sealed record ExportResult(int Published, int Unpublished, int Media);

/// <summary>
/// Writes the database's content as content/ files that <see cref="ContentImporter"/> reads back: per item and language
/// the published revision as key.culture.md. Revision numbers, majorness and first publication are written too ('revision',
/// 'major', 'published'), earlier major revisions readers were shown become key.culture.rN.md (the public history), and
/// an older source revision that a translation was made from is written as key.nl.rN.md, so that translated_from and
/// "outdated" mean the same after an import into an empty database. With drafts, a current draft that differs from
/// the published revision (or a text never published) is written as key.culture.rN.md. Not written: who made each
/// revision and when, minor revisions no one needs, the audit log and every publication event (use a backup for those).
/// The media library goes to media/&lt;key&gt;/ (<see cref="Media.MediaFolder"/>): each item's current file as stored.
/// </summary>
public sealed class ContentExporter(PortalDbContext db, PortalOptions options, Media.MediaStore mediaStore)
{
    public async Task<ExportResult> ExportAsync(string folder, bool drafts, CancellationToken ct = default)
    {
        var items = await db.ContentItems.AsNoTracking()
            .Include(i => i.Translations).ThenInclude(t => t.Revisions).ThenInclude(r => r.SourceRevision)
            .AsSplitQuery().OrderBy(i => i.Id).ToListAsync(ct);
        // When each revision was first published: the public history of major updates and Last-Modified rest on it.
        var firstPublished = (await db.ContentPublications.AsNoTracking()
                .Where(p => p.Action == PublicationAction.Published && p.RevisionId != null)
                .Select(p => new { p.Id, RevisionId = p.RevisionId!.Value, p.At }).ToListAsync(ct))
            .GroupBy(p => p.RevisionId).ToDictionary(g => g.Key, g => g.MinBy(p => p.Id)!.At);
        int published = 0, unpublished = 0;

        foreach (var item in items)
        {
            // Per translation: the revisions to write, and whether each is the published one.
            var chosen = new List<(ContentTranslation Translation, ContentRevision Revision, bool Published)>();
            foreach (var t in item.Translations)
            {
                var pub = t.Revisions.SingleOrDefault(r => r.Id == t.PublishedRevisionId);
                if (pub is not null) chosen.Add((t, pub, true));
                var draft = t.Revisions.SingleOrDefault(r => r.Id == t.DraftRevisionId);
                if (drafts && draft is not null && draft.Id != pub?.Id) chosen.Add((t, draft, false));
                // Earlier major revisions readers were shown: the history on the page and in the API lists them.
                foreach (var r in t.Revisions.Where(r => r.IsMajor && r.Id != pub?.Id && r.Id != draft?.Id && firstPublished.ContainsKey(r.Id)))
                    chosen.Add((t, r, false));
            }
            // The source revisions those translations were made from must exist under the same numbers after an import.
            var source = item.Translations.SingleOrDefault(t => t.Culture == options.SourceCulture);
            if (source is not null)
            {
                var needed = chosen.Where(c => c.Revision.SourceRevision is not null).Select(c => c.Revision.SourceRevision!.Number).ToHashSet();
                foreach (var r in source.Revisions.Where(r => needed.Contains(r.Number) && !chosen.Any(c => c.Revision.Id == r.Id)))
                    chosen.Add((source, r, false));
            }

            foreach (var (t, r, isPublished) in chosen)
            {
                var name = isPublished ? $"{item.Key}.{t.Culture}.md" : $"{item.Key}.{t.Culture}.r{r.Number}.md";
                var path = Path.Combine(folder, ContentKinds.Of(item.Kind).Folder, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var at = isPublished ? t.PublishedAt : firstPublished.TryGetValue(r.Id, out var first) ? first : null;
                await File.WriteAllTextAsync(path, Render(item, t, r, at), ct);
                if (isPublished) published++; else unpublished++;
            }
        }
        var media = await Media.MediaFolder.ExportAsync(db, mediaStore, folder, options.SourceCulture, ct);
        return new ExportResult(published, unpublished, media);
    }

    /// <summary>Front matter in the order content/README.md documents, then the Markdown body.</summary>
    public string Render(ContentItem item, ContentTranslation t, ContentRevision r, DateTimeOffset? publishedAt)
    {
        var map = new List<(string, object?)>
        {
            ("kind", item.Kind.ToKebab()), ("key", item.Key), ("culture", t.Culture), ("slug", t.Slug),
            ("title", r.Title), ("summary", r.Summary),
        };
        if (item.SortOrder != 0) map.Add(("order", item.SortOrder));
        map.Add(("updated", r.UpdatedOn));
        if (r.ReviewedOn is { } reviewed) map.Add(("reviewed", reviewed));
        map.Add(("change_note", r.ChangeNote));
        map.Add(("revision", r.Number));
        map.Add(("major", r.IsMajor));
        map.Add(("published", publishedAt?.ToString("O", CultureInfo.InvariantCulture)));
        if (t.Culture != options.SourceCulture)
        {
            map.Add(("translated_from", r.SourceRevision?.Number));
            map.Add(("human_reviewed", r.HumanReviewed));
        }
        map.AddRange(Fields(r.Fields));

        return $"---\n{Yaml(map)}---\n\n{r.BodyMarkdown}\n";
    }

    /// <summary>A YAML mapping as this exporter writes it (front matter, a media item's media.yaml): fields in the given order, empty ones left out.</summary>
    internal static string Yaml(List<(string, object?)> map)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        // No line folding: a folded long value could otherwise put a lone '---' line inside the front matter.
        var emitter = new Emitter(text, 2, int.MaxValue);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, map);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        var yaml = text.ToString();
        return yaml.EndsWith("...\n", StringComparison.Ordinal) ? yaml[..^4] : yaml;
    }

    private static IEnumerable<(string, object?)> Fields(ContentFields? fields) => fields switch
    {
        CountryGuideFields g => [("country", g.CountryCode), ("next_review", g.NextReview), ("sources", Sources(g.Sources))],
        SafetyFields s =>
        [
            ("country", s.CountryCode), ("guide", s.GuideKey), ("effective", s.Effective), ("next_review", s.NextReview),
            ("legal", Dimension(s.Legal)), ("physical", Dimension(s.Physical)), ("material", Dimension(s.Material)), ("sources", Sources(s.Sources)),
        ],
        SupportPointFields p =>
        [
            ("city", p.City), ("city_name", p.CityName), ("region", p.Region),
            ("address", p.Address), ("postcode", p.Postcode), ("phone", p.Phone), ("email", p.Email),
            ("counsellors", p.Counsellors.Select(c => new List<(string, object?)> { ("name", c.Name), ("email", c.Email), ("phone", c.Phone) }).ToList()),
            ("opening_hours", p.OpeningHours.Select(h => new List<(string, object?)> { ("day", h.Day?.ToString().ToLowerInvariant()), ("from", h.From), ("to", h.To) }).ToList()),
            ("exceptions", p.HoursExceptions.Select(x => new List<(string, object?)> { ("date", x.Date), ("from", x.From), ("to", x.To) }).ToList()),
            ("visits", p.Visits switch { Visiting.WalkIn => "walk-in", Visiting.ByAppointment => "by-appointment", _ => null }),
            ("languages", p.Languages.Cast<object?>().ToList()), ("accessibility", p.Accessibility), ("verified", p.Verified),
        ],
        StoryFields s =>
        [
            ("country", s.CountryCode), ("guide", s.GuideKey), ("name", s.Name), ("age", s.Age),
            ("consent", Consent(s.Consent)),
        ],
        _ => [],
    };

    // Only what is on record: "date_unknown" and "until_withdrawn" appear when they are true, never beside a date.
    private static List<(string, object?)> Consent(StoryConsent c)
    {
        var covers = new[] { (c.Covers?.Text, "text"), (c.Covers?.Name, "name"), (c.Covers?.Photo, "photo") }.Where(x => x.Item1 == true).Select(x => (object?)x.Item2).ToList();
        var list = new List<(string, object?)> { ("given_by", c.GivenBy) };
        list.Add(c.DateUnknown ? ("date_unknown", true) : ("recorded", c.Recorded));
        list.Add(("covers", covers));
        list.Add(("languages", (c.Covers?.Languages ?? []).Cast<object?>().ToList()));
        list.Add(c.UntilWithdrawn ? ("until_withdrawn", true) : ("expires", c.Expires));
        list.Add(("scope", c.Scope));
        return list;
    }

    private static List<(string, object?)> Dimension(SafetyDimension d)
        => [("level", d.Level.ToString().ToLowerInvariant()), ("summary", d.Summary), ("explanation", d.Explanation)];

    private static List<List<(string, object?)>> Sources(IReadOnlyList<SourceRef> sources)
        => sources.Select(s => new List<(string, object?)> { ("title", s.Title), ("url", s.Url), ("date", s.Date) }).ToList();

    private static void Emit(IEmitter e, object? value)
    {
        switch (value)
        {
            case List<(string Key, object? Value)> map:
                e.Emit(new MappingStart());
                foreach (var (k, v) in map.Where(p => p.Value is not null && p.Value is not ""))
                {
                    e.Emit(new Scalar(k));
                    Emit(e, v);
                }
                e.Emit(new MappingEnd());
                break;
            case System.Collections.IEnumerable list and not string:
                e.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
                foreach (var v in list) Emit(e, v);
                e.Emit(new SequenceEnd());
                break;
            case string s:
                // Multi-line text stays on one line (escaped), so the body's '---' fence can never appear inside it.
                e.Emit(new Scalar(AnchorName.Empty, TagName.Empty, s, s.Contains('\n') || s.Contains('\r') ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));
                break;
            case DateOnly d:
                e.Emit(new Scalar(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                break;
            case bool b:
                e.Emit(new Scalar(b ? "true" : "false"));
                break;
            case int i:
                e.Emit(new Scalar(i.ToString(CultureInfo.InvariantCulture)));
                break;
            default:
                throw new InvalidOperationException($"cannot write {value?.GetType().Name} as front matter");
        }
    }
}
