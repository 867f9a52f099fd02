using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Content;
using Portal.Content.Import;
using Portal.Data;
using YamlDotNet.RepresentationModel;

namespace Portal.Media;

/// <summary>
/// A media item as a content folder holds it: <c>media/&lt;key&gt;/media.yaml</c> beside the item's files, each named
/// there (format: content/README.md#media). What validate read and checked; import reads the files again.
/// </summary>
/// <param name="Folder">The item's folder (<c>media/&lt;key&gt;</c>); <paramref name="Path"/> is its media.yaml as shown in problems.</param>
public sealed record MediaFolderItem(string Folder, string Path, string Key, MediaKind Kind, string Name, DateTimeOffset? Created, DateTimeOffset? Retired,
    string File, string ContentType, IReadOnlyList<MediaFolderAlt> Alt);

/// <param name="TranslatedFrom">For a translation: the version of the Dutch text it was made from (outdated when that is older than the Dutch text's).</param>
public sealed record MediaFolderAlt(string Culture, string Text, int Version, int? TranslatedFrom);

/// <summary>Writes the media library into an export and reads it back, with the checks an upload makes.</summary>
public static class MediaFolder
{
    /// <summary>The content folder's subfolder for media; no content kind uses it.</summary>
    public const string Name = "media";
    public const string ItemFile = "media.yaml";

    /// <summary>Every media item, retired ones too (old pages still name them), with its current file as stored.</summary>
    public static async Task<int> ExportAsync(PortalDbContext db, string folder, string sourceCulture, CancellationToken ct)
    {
        var items = await db.MediaItems.AsNoTracking().Include(i => i.AltTexts).Where(i => i.CurrentRevisionId != null).OrderBy(i => i.Key)
            .Select(i => new { Item = i, i.CurrentRevisionId, i.CurrentRevision!.ContentType, i.CurrentRevision.Sha256 }).ToListAsync(ct);
        foreach (var i in items)
        {
            var dir = System.IO.Path.Combine(folder, Name, i.Item.Key);
            Directory.CreateDirectory(dir);
            var file = $"{i.Item.Kind.ToString().ToLowerInvariant()}.{Extension(i.ContentType)}";
            // One file at a time: a library may hold hundreds of megabytes.
            var bytes = await db.MediaRevisions.Where(r => r.Id == i.CurrentRevisionId).Select(r => r.Bytes).SingleAsync(ct);
            await System.IO.File.WriteAllBytesAsync(System.IO.Path.Combine(dir, file), bytes, ct);
            await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(dir, ItemFile), Render(i.Item, file, i.ContentType, i.Sha256, sourceCulture), ct);
        }
        return items.Count;
    }

    private static string Render(MediaItem item, string file, string contentType, string sha256, string sourceCulture)
    {
        static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var alt = item.AltTexts.OrderBy(a => a.Culture == sourceCulture ? "" : a.Culture, StringComparer.Ordinal)
            .Select(a => (a.Culture, (object?)new List<(string, object?)> { ("text", a.Text), ("version", a.Version), ("translated_from", a.SourceVersion) }))
            .ToList();
        var map = new List<(string, object?)>
        {
            ("key", item.Key), ("kind", item.Kind.ToString().ToLowerInvariant()), ("name", item.Name), ("created", When(item.CreatedAt)),
            ("retired", item.RetiredAt is { } r ? When(r) : null),
            ("file", file), ("content_type", contentType), ("sha256", sha256),
            ("alt", alt.Count == 0 ? null : alt),
        };
        return ContentExporter.Yaml(map);
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        _ => throw new InvalidOperationException($"no file extension for {contentType}"),
    };

    /// <summary>
    /// Reads and checks every <c>media/&lt;key&gt;/media.yaml</c> of a content folder and the file it names: the file by its
    /// bytes, as an upload is (<see cref="ImageUpload.CheckStored"/>), its content type and SHA-256 against what media.yaml says.
    /// </summary>
    public static IReadOnlyList<MediaFolderItem> Read(string contentFolder, PortalOptions options, List<ContentProblem> problems, IStringLocalizerFactory? strings)
    {
        var root = System.IO.Path.Combine(contentFolder, Name);
        var items = new List<MediaFolderItem>();
        if (!Directory.Exists(root)) return items;
        foreach (var stray in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
            problems.Add(new(Display(stray), 0, $"a file directly in {Name}/: each media item has its own folder, {Name}/<key>/{ItemFile}"));
        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var path = System.IO.Path.Combine(dir, ItemFile);
            var display = Display(path);
            if (!System.IO.File.Exists(path))
            {
                problems.Add(new(display, 0, $"missing: every folder in {Name}/ describes its item in {ItemFile}"));
                continue;
            }
            var before = problems.Count;
            var item = ReadItem(dir, path, display, options, problems, strings);
            if (item is not null && problems.Count == before) items.Add(item);
        }
        foreach (var dup in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
            problems.Add(new(dup.Last().Path, 1, $"key '{dup.Key}' is also given by {dup.First().Path}"));
        return items;
    }

    private static string Display(string path) => System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), path);

    private static MediaFolderItem? ReadItem(string dir, string path, string display, PortalOptions options, List<ContentProblem> problems, IStringLocalizerFactory? strings)
    {
        var yaml = FrontMatter.ParseYaml(display, System.IO.File.ReadAllText(path), problems);
        if (yaml is null) return null;
        var key = yaml.String("key", required: true);
        if (key is not null && (!Slugs.IsValid(key) || key.Length > MediaItem.MaxKey))
            yaml.Problem(yaml.LineOf("key"), $"key '{key}' must be a-z, 0-9 and single '-'");
        else if (key is not null && key != System.IO.Path.GetFileName(dir))
            yaml.Problem(yaml.LineOf("key"), $"key '{key}' differs from its folder's name '{System.IO.Path.GetFileName(dir)}'");
        var kind = yaml.String("kind", required: true);
        if (kind is not null && kind != "image")
            yaml.Problem(yaml.LineOf("kind"), $"kind '{kind}': only 'image' can be imported");
        var name = yaml.String("name", required: true);
        if (name is { Length: > MediaItem.MaxName }) yaml.Problem(yaml.LineOf("name"), $"name is longer than {MediaItem.MaxName} characters");
        var created = Instant(yaml, "created");
        var retired = Instant(yaml, "retired");
        var contentType = yaml.String("content_type", required: true);
        var sha256 = yaml.String("sha256");
        var alt = Alt(yaml, options);

        var file = yaml.String("file", required: true);
        if (file is not null)
        {
            var filePath = System.IO.Path.Combine(dir, file);
            if (file.Contains('/') || file.Contains('\\') || file == ItemFile || !System.IO.File.Exists(filePath))
                yaml.Problem(yaml.LineOf("file"), $"file '{file}' is not in {System.IO.Path.GetFileName(dir)}/");
            else if (new FileInfo(filePath).Length > MediaLimits.MaxImageBytes)
                problems.Add(new(Display(filePath), 0, new FieldError("file", "editor.media.refused-too-large", MediaLimits.MaxImageBytes / (1024 * 1024)).English(strings)));
            else
            {
                var bytes = System.IO.File.ReadAllBytes(filePath);
                var (image, refusal) = ImageUpload.CheckStored(bytes);
                if (refusal is not null) problems.Add(new(Display(filePath), 0, new FieldError("file", refusal.Message, refusal.Arguments).English(strings)));
                else if (contentType is not null && image!.ContentType != contentType)
                    yaml.Problem(yaml.LineOf("content_type"), $"content_type '{contentType}': the file is {image.ContentType}");
                else if (sha256 is not null && image!.Sha256 != sha256)
                    yaml.Problem(yaml.LineOf("sha256"), $"sha256 differs from the file's ({image.Sha256}): the file was changed or damaged after export");
            }
        }
        foreach (var other in Directory.EnumerateFiles(dir).Select(System.IO.Path.GetFileName).Where(f => f != ItemFile && f != file).Order(StringComparer.Ordinal))
            problems.Add(new(Display(System.IO.Path.Combine(dir, other!)), 0, $"not named by {ItemFile}"));

        if (key is null || kind is null || name is null || file is null || contentType is null) return null;
        return new MediaFolderItem(dir, display, key, MediaKind.Image, name, created, retired, file, contentType, alt);
    }

    private static DateTimeOffset? Instant(FrontMatter yaml, string field)
    {
        var value = yaml.String(field);
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        yaml.Problem(yaml.LineOf(field), $"'{field}' must be a date and time such as 2026-12-06T10:00:00Z, not '{value}'");
        return null;
    }

    private static List<MediaFolderAlt> Alt(FrontMatter yaml, PortalOptions options)
    {
        var list = new List<MediaFolderAlt>();
        if (yaml.Mapping("alt") is not { } map) return list;
        foreach (var (k, v) in map.Children)
        {
            var culture = ((YamlScalarNode)k).Value ?? "";
            var line = (int)k.Start.Line;
            if (!options.Cultures.Contains(culture)) { yaml.Problem(line, $"alt: '{culture}' is not one of the portal's languages"); continue; }
            if (v is not YamlMappingNode entry) { yaml.Problem(line, $"alt.{culture} must have 'text' and 'version'"); continue; }
            var text = yaml.String("text", required: true, within: entry, prefix: $"alt.{culture}");
            var version = yaml.Int("version", required: true, within: entry);
            var from = yaml.Int("translated_from", within: entry);
            if (text is { Length: > MediaAltText.MaxText }) yaml.Problem(line, $"alt.{culture}: longer than {MediaAltText.MaxText} characters");
            if (version is < 1) yaml.Problem(line, $"alt.{culture}: version must be 1 or more");
            if (culture == options.SourceCulture && from is not null) yaml.Problem(line, $"alt.{culture}: the source text is translated from nothing");
            if (text is not null && version is { } ver) list.Add(new(culture, text, ver, culture == options.SourceCulture ? null : from ?? 0));
        }
        if (list.Count > 0 && list.All(a => a.Culture != options.SourceCulture))
            yaml.Problem(yaml.LineOf("alt"), $"alt: a translation without the {options.SourceCulture} (source) text");
        return list;
    }
}
