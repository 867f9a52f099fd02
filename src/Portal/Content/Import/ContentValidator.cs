namespace Portal.Content.Import;

/// <summary>Reads every file of a content folder and checks them together (duplicate slugs, missing source texts, broken links between items).</summary>
public sealed class ContentValidator(PortalOptions options)
{
    // First path segments the reader site uses itself: a page with one of these slugs could never be reached.
    private static readonly HashSet<string> ReservedPageSlugs = ["countries", "support-points", "stories", "api", "editor", "css", "sitemap-xml", "robots-txt"];

    public (IReadOnlyList<ContentFile> Files, IReadOnlyList<ContentProblem> Problems) Validate(string folder)
    {
        var problems = new List<ContentProblem>();
        var files = new List<ContentFile>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new(folder, 0, "content folder not found"));
            return (files, problems);
        }

        var reader = new ContentFileReader(options.Cultures, options.SourceCulture);
        var paths = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Where(p => Path.GetDirectoryName(p) != Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) // content/README.md documents the format
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
            if (reader.Read(path, display, problems) is { } file) files.Add(file);
        }

        foreach (var dup in files.GroupBy(f => (f.Kind, f.Culture, f.Slug)).Where(g => g.Count() > 1))
            foreach (var f in dup.Skip(1))
                problems.Add(new(f.Path, f.SlugLine, $"duplicate slug '{f.Slug}': {dup.First().Path} already uses it for a {f.Kind.ToKebab()} in '{f.Culture}'"));

        // By file, not by valid file: a broken source is reported once, not again for each of its translations.
        foreach (var f in files.Where(f => f.Culture != options.SourceCulture
            && !File.Exists(Path.Combine(Path.GetDirectoryName(f.Path)!, $"{f.Key}.{options.SourceCulture}.md"))))
            problems.Add(new(f.Path, 1, $"translation without a source text: no {f.Key}.{options.SourceCulture}.md"));

        var guides = files.Where(f => f.Kind == ContentKind.CountryGuide).Select(f => f.Key).ToHashSet();
        foreach (var f in files)
        {
            var guide = f.Fields switch { SafetyFields s => s.GuideKey, StoryFields s => s.GuideKey, _ => null };
            if (guide is not null && !guides.Contains(guide))
                problems.Add(new(f.Path, 1, $"guide '{guide}' names no country guide in countries/"));
            if (f.Kind == ContentKind.Page && ReservedPageSlugs.Contains(f.Slug))
                problems.Add(new(f.Path, f.SlugLine, $"slug '{f.Slug}' is used by the site itself; choose another"));
        }

        return (files, problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToList());
    }
}
