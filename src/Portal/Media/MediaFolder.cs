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
/// <param name="Files">An image's one file (no culture), or a document's PDF per language.</param>
/// <param name="Alt">An image's alt texts, or a document's titles.</param>
public sealed record MediaFolderItem(string Folder, string Path, string Key, MediaKind Kind, string Name, DateTimeOffset? Created, DateTimeOffset? Retired,
    IReadOnlyList<MediaFolderFile> Files, IReadOnlyList<MediaFolderAlt> Alt);

/// <param name="Culture">A document's language; null for an image.</param>
public sealed record MediaFolderFile(string? Culture, string File);

/// <summary>A file of an export as its checks left it: an image's or a document's, as upload checks it.</summary>
public sealed record CheckedFile(string ContentType, byte[] Bytes, string Sha256, CheckedImage? Image, CheckedDocument? Document);

/// <param name="TranslatedFrom">For a translation: the version of the Dutch text it was made from (outdated when that is older than the Dutch text's).</param>
public sealed record MediaFolderAlt(string Culture, string Text, int Version, int? TranslatedFrom);

/// <summary>Writes the media library into an export and reads it back, with the checks an upload makes.</summary>
public static class MediaFolder
{
    /// <summary>The content folder's subfolder for media; no content kind uses it.</summary>
    public const string Name = "media";
    public const string ItemFile = "media.yaml";

    /// <summary>
    /// Every media item, retired ones too (old pages still name them): an image's current file, a document's newest PDF in
    /// each language, read through the store (its row or its folder) byte for byte.
    /// </summary>
    public static async Task<int> ExportAsync(PortalDbContext db, MediaStore store, string folder, string sourceCulture, CancellationToken ct)
    {
        var items = await db.MediaItems.AsNoTracking().Include(i => i.AltTexts).Where(i => i.CurrentRevisionId != null).OrderBy(i => i.Key).ToListAsync(ct);
        foreach (var item in items)
        {
            var revisions = await db.MediaRevisions.AsNoTracking().Where(r => r.MediaItemId == item.Id)
                .Select(r => new { r.Id, r.Number, r.Culture, r.ContentType, r.Sha256 }).ToListAsync(ct);
            var current = item.Kind == MediaKind.Document
                ? revisions.Where(r => r.Culture is not null).GroupBy(r => r.Culture!).Select(g => g.MaxBy(r => r.Number)!)
                    .OrderBy(r => r.Culture == sourceCulture ? "" : r.Culture, StringComparer.Ordinal).ToList()
                : revisions.Where(r => r.Id == item.CurrentRevisionId).ToList();
            var dir = System.IO.Path.Combine(folder, Name, item.Key);
            Directory.CreateDirectory(dir);
            var files = new List<(string? Culture, string File, string ContentType, string Sha256)>();
            foreach (var r in current)
            {
                var file = item.Kind == MediaKind.Document ? $"document.{r.Culture}.pdf" : $"{item.Kind.ToString().ToLowerInvariant()}.{Extension(r.ContentType)}";
                // One file at a time: a library may hold hundreds of megabytes.
                var stored = await db.MediaRevisions.Where(x => x.Id == r.Id).Select(x => x.Bytes).SingleAsync(ct);
                var bytes = await store.ReadAsync(r.Sha256, stored, ct)
                    ?? throw new InvalidOperationException($"media:{item.Key}: the file of revision {r.Number} ({r.Sha256}) is in neither its row nor the media folder {store.Folder}");
                await System.IO.File.WriteAllBytesAsync(System.IO.Path.Combine(dir, file), bytes, ct);
                files.Add((r.Culture, file, r.ContentType, r.Sha256));
            }
            await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(dir, ItemFile), Render(item, files, sourceCulture), ct);
        }
        return items.Count;
    }

    private static string Render(MediaItem item, List<(string? Culture, string File, string ContentType, string Sha256)> files, string sourceCulture)
    {
        static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var alt = item.AltTexts.OrderBy(a => a.Culture == sourceCulture ? "" : a.Culture, StringComparer.Ordinal)
            .Select(a => (a.Culture, (object?)new List<(string, object?)> { ("text", a.Text), ("version", a.Version), ("translated_from", a.SourceVersion) }))
            .ToList();
        var map = new List<(string, object?)>
        {
            ("key", item.Key), ("kind", item.Kind.ToString().ToLowerInvariant()), ("name", item.Name), ("created", When(item.CreatedAt)),
            ("retired", item.RetiredAt is { } r ? When(r) : null),
        };
        if (item.Kind == MediaKind.Document)
        {
            map.Add(("files", files.Count == 0 ? null : files.Select(f => (f.Culture!, (object?)new List<(string, object?)> { ("file", f.File), ("sha256", f.Sha256) })).ToList()));
            map.Add(("title", alt.Count == 0 ? null : alt));
        }
        else
        {
            var (_, file, contentType, sha256) = files.Single();
            map.AddRange([("file", file), ("content_type", contentType), ("sha256", sha256), ("alt", alt.Count == 0 ? null : alt)]);
        }
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
        var mediaKind = kind switch { "image" => MediaKind.Image, "document" => MediaKind.Document, _ => (MediaKind?)null };
        if (kind is not null && mediaKind is null)
            yaml.Problem(yaml.LineOf("kind"), $"kind '{kind}': only 'image' and 'document' can be imported");
        var name = yaml.String("name", required: true);
        if (name is { Length: > MediaItem.MaxName }) yaml.Problem(yaml.LineOf("name"), $"name is longer than {MediaItem.MaxName} characters");
        var created = Instant(yaml, "created");
        var retired = Instant(yaml, "retired");

        var files = new List<MediaFolderFile>();
        var named = new HashSet<string>(StringComparer.Ordinal); // failed or not: what else is in the folder is reported apart
        List<MediaFolderAlt> alt = [];
        if (mediaKind == MediaKind.Document)
        {
            alt = Alt(yaml, options, "title");
            if (yaml.Mapping("files", required: true) is { } map)
                foreach (var (k, v) in map.Children)
                {
                    var culture = ((YamlScalarNode)k).Value ?? "";
                    var line = (int)k.Start.Line;
                    if (!options.Cultures.Contains(culture)) { yaml.Problem(line, $"files: '{culture}' is not one of the portal's languages"); continue; }
                    if (v is not YamlMappingNode entry) { yaml.Problem(line, $"files.{culture} must have 'file' and 'sha256'"); continue; }
                    var file = yaml.String("file", required: true, within: entry, prefix: $"files.{culture}");
                    if (file is not null && !named.Add(file)) yaml.Problem(line, $"files.{culture}: '{file}' is already another language's file");
                    else if (file is not null && CheckFile(dir, file, line, "application/pdf", yaml.String("sha256", within: entry), yaml, problems, strings))
                        files.Add(new(culture, file));
                }
        }
        else if (mediaKind == MediaKind.Image)
        {
            alt = Alt(yaml, options, "alt");
            var contentType = yaml.String("content_type", required: true);
            var file = yaml.String("file", required: true);
            if (file is not null) named.Add(file);
            if (file is not null && contentType is not null && CheckFile(dir, file, yaml.LineOf("file"), contentType, yaml.String("sha256"), yaml, problems, strings))
                files.Add(new(null, file));
        }
        foreach (var other in Directory.EnumerateFiles(dir).Select(System.IO.Path.GetFileName).Where(f => f != ItemFile && !named.Contains(f!)).Order(StringComparer.Ordinal))
            problems.Add(new(Display(System.IO.Path.Combine(dir, other!)), 0, $"not named by {ItemFile}"));

        if (key is null || mediaKind is null || name is null || files.Count == 0) return null;
        return new MediaFolderItem(dir, display, key, mediaKind.Value, name, created, retired, files, alt);
    }

    /// <summary>
    /// A file media.yaml names, checked by its bytes as an upload is (<see cref="Check"/>), then its type and SHA-256
    /// against what media.yaml says; false (with the problem) when it fails.
    /// </summary>
    private static bool CheckFile(string dir, string file, int line, string contentType, string? sha256, FrontMatter yaml, List<ContentProblem> problems, IStringLocalizerFactory? strings)
    {
        var filePath = System.IO.Path.Combine(dir, file);
        if (file.Contains('/') || file.Contains('\\') || file == ItemFile || !System.IO.File.Exists(filePath))
        {
            yaml.Problem(line, $"file '{file}' is not in {System.IO.Path.GetFileName(dir)}/");
            return false;
        }
        var (checkedFile, refusal) = Check(filePath, contentType == "application/pdf");
        if (refusal is not null)
        {
            problems.Add(new(Display(filePath), 0, new FieldError("file", refusal.Message, refusal.Arguments).English(strings)));
            return false;
        }
        if (checkedFile!.ContentType != contentType)
        {
            yaml.Problem(line, $"content_type '{contentType}': the file is {checkedFile.ContentType}");
            return false;
        }
        if (sha256 is not null && checkedFile.Sha256 != sha256)
        {
            yaml.Problem(line, $"sha256 differs from the file's ({checkedFile.Sha256}): the file was changed or damaged after export");
            return false;
        }
        return true;
    }

    /// <summary>A file of an export with the checks of an upload: a PDF by <see cref="PdfUpload.Check"/>, an image by <see cref="ImageUpload.CheckStored"/>.</summary>
    public static (CheckedFile? File, Refusal? Refusal) Check(string path, bool document)
    {
        if (!System.IO.File.Exists(path)) return (null, new Refusal("editor.media.refused-empty"));
        var limit = document ? MediaLimits.MaxDocumentBytes : MediaLimits.MaxImageBytes;
        if (new FileInfo(path).Length > limit)
            return (null, document ? new Refusal("editor.media.pdf-too-large", limit / (1024 * 1024)) : new Refusal("editor.media.refused-too-large", limit / (1024 * 1024)));
        var bytes = System.IO.File.ReadAllBytes(path);
        if (document)
        {
            var (pdf, refused) = PdfUpload.Check(bytes);
            return pdf is null ? (null, refused) : (new CheckedFile("application/pdf", pdf.Bytes, pdf.Sha256, null, pdf), null);
        }
        var (image, refusal) = ImageUpload.CheckStored(bytes);
        return image is null ? (null, refusal) : (new CheckedFile(image.ContentType, image.Bytes, image.Sha256, image, null), null);
    }

    private static DateTimeOffset? Instant(FrontMatter yaml, string field)
    {
        var value = yaml.String(field);
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        yaml.Problem(yaml.LineOf(field), $"'{field}' must be a date and time such as 2026-12-06T10:00:00Z, not '{value}'");
        return null;
    }

    /// <param name="field">"alt" for an image, "title" for a document: the same texts with the same states.</param>
    private static List<MediaFolderAlt> Alt(FrontMatter yaml, PortalOptions options, string field)
    {
        var list = new List<MediaFolderAlt>();
        if (yaml.Mapping(field) is not { } map) return list;
        foreach (var (k, v) in map.Children)
        {
            var culture = ((YamlScalarNode)k).Value ?? "";
            var line = (int)k.Start.Line;
            if (!options.Cultures.Contains(culture)) { yaml.Problem(line, $"{field}: '{culture}' is not one of the portal's languages"); continue; }
            if (v is not YamlMappingNode entry) { yaml.Problem(line, $"{field}.{culture} must have 'text' and 'version'"); continue; }
            var text = yaml.String("text", required: true, within: entry, prefix: $"{field}.{culture}");
            var version = yaml.Int("version", required: true, within: entry);
            var from = yaml.Int("translated_from", within: entry);
            if (text is { Length: > MediaAltText.MaxText }) yaml.Problem(line, $"{field}.{culture}: longer than {MediaAltText.MaxText} characters");
            if (version is < 1) yaml.Problem(line, $"{field}.{culture}: version must be 1 or more");
            if (culture == options.SourceCulture && from is not null) yaml.Problem(line, $"{field}.{culture}: the source text is translated from nothing");
            if (text is not null && version is { } ver) list.Add(new(culture, text, ver, culture == options.SourceCulture ? null : from ?? 0));
        }
        if (list.Count > 0 && list.All(a => a.Culture != options.SourceCulture))
            yaml.Problem(yaml.LineOf(field), $"{field}: a translation without the {options.SourceCulture} (source) text");
        return list;
    }
}
