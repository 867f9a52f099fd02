using Portal.Media;

namespace Portal.Content.Import;

/// <summary>What a content folder holds once read and checked: its texts, its media items and every problem found.</summary>
public sealed record ValidatedFolder(IReadOnlyList<ContentFile> Files, IReadOnlyList<MediaFolderItem> Media, IReadOnlyList<ContentProblem> Problems)
{
    public void Deconstruct(out IReadOnlyList<ContentFile> files, out IReadOnlyList<ContentProblem> problems) => (files, problems) = (Files, Problems);
}

/// <summary>Reads every file of a content folder and checks them together (duplicate slugs, missing source texts, broken links between items, media files).</summary>
public sealed class ContentValidator(PortalOptions options, Microsoft.Extensions.Localization.IStringLocalizerFactory? strings = null)
{
    public ValidatedFolder Validate(string folder)
    {
        var problems = new List<ContentProblem>();
        var files = new List<ContentFile>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new(folder, 0, "content folder not found"));
            return new(files, [], problems);
        }
        var mediaFolder = Path.Combine(Path.GetFullPath(folder), MediaFolder.Name) + Path.DirectorySeparatorChar;

        var reader = new ContentFileReader(options.Cultures, options.SourceCulture, strings);
        var paths = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Where(p => Path.GetDirectoryName(p) != Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) // content/README.md documents the format
            .Where(p => !Path.GetFullPath(p).StartsWith(mediaFolder, StringComparison.Ordinal)) // a media item's files (a transcript may be .md)
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
            if (reader.Read(path, display, problems) is { } file) files.Add(file);
        }

        // The revision files of one text (key.culture.md and key.culture.rN.md) share its slug; two texts may not.
        foreach (var dup in files.GroupBy(f => (f.Kind, f.Culture, f.Slug)).Where(g => g.Select(f => f.Key).Distinct().Count() > 1))
            foreach (var f in dup.Where(f => f.Key != dup.First().Key))
                problems.Add(new(f.Path, f.SlugLine, $"duplicate slug '{f.Slug}': {dup.First().Path} already uses it for a {f.Kind.ToKebab()} in '{f.Culture}'"));
        foreach (var dup in files.Where(f => f.Revision is not null).GroupBy(f => (f.Kind, f.Key, f.Culture, f.Revision)).Where(g => g.Count() > 1))
            foreach (var f in dup.Skip(1))
                problems.Add(new(f.Path, 1, $"revision {f.Revision} is also given by {dup.First().Path}"));

        // By file, not by valid file: a broken source is reported once, not again for each of its translations.
        foreach (var f in files.Where(f => f.Culture != options.SourceCulture && !HasSourceFile(f)))
            problems.Add(new(f.Path, 1, $"translation without a source text: no {f.Key}.{options.SourceCulture}.md"));

        var guides = files.Where(f => f.Kind == ContentKind.CountryGuide).Select(f => f.Key).ToHashSet();
        foreach (var f in files)
        {
            var guide = f.Fields switch { SafetyFields s => s.GuideKey, StoryFields s => s.GuideKey, _ => null };
            if (guide is not null && !guides.Contains(guide))
                problems.Add(new(f.Path, 1, $"guide '{guide}' names no country guide in countries/"));
            if (f.Kind == ContentKind.Page && Slugs.ReservedPageSlugs.Contains(f.Slug))
                problems.Add(new(f.Path, f.SlugLine, $"slug '{f.Slug}' is used by the site itself; choose another"));
        }

        var media = MediaFolder.Read(folder, options, problems, strings);

        return new(files, media, problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToList());
    }

    private bool HasSourceFile(ContentFile f)
    {
        var dir = Path.GetDirectoryName(f.Path)!;
        return File.Exists(Path.Combine(dir, $"{f.Key}.{options.SourceCulture}.md"))
            || Directory.EnumerateFiles(dir, $"{f.Key}.{options.SourceCulture}.r*.md").Any(); // an unpublished source (export --drafts)
    }
}
