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
/// <param name="Files">An image's or a video's one file (no culture), or a document's PDF per language.</param>
/// <param name="Alt">An image's alt texts, or a document's titles.</param>
/// <param name="Poster">A video's poster: the key of an image item.</param>
/// <param name="Texts">A video's subtitles and transcripts, every version, as checked when read.</param>
public sealed record MediaFolderItem(string Folder, string Path, string Key, MediaKind Kind, string Name, DateTimeOffset? Created, DateTimeOffset? Retired,
    IReadOnlyList<MediaFolderFile> Files, IReadOnlyList<MediaFolderAlt> Alt, string? Poster = null, IReadOnlyList<MediaFolderText>? Texts = null);

/// <param name="Culture">A document's language; null for an image or a video.</param>
public sealed record MediaFolderFile(string? Culture, string File);

/// <summary>
/// A file of an export as its checks left it: an image's or a document's, as upload checks it, its bytes at hand; a video's
/// checked from the file on disk (<see cref="VideoContainer"/>), its <paramref name="Bytes"/> empty: it is streamed in at import.
/// </summary>
public sealed record CheckedFile(string ContentType, byte[] Bytes, string Sha256, CheckedImage? Image, CheckedDocument? Document, CheckedVideo? Video = null, long VideoSize = 0)
{
    public long Size => Video is null ? Bytes.Length : VideoSize;
}

/// <summary>One version of a video's subtitles or transcript in one language: its file, and its text as the workspace would store it.</summary>
/// <param name="TranslatedFrom">For a translation: the version of the Dutch text it was made from, as for alt texts.</param>
public sealed record MediaFolderText(MediaTextKind Kind, string Culture, int Version, int? TranslatedFrom, DateTimeOffset? Updated, string File, string Text);

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
    /// each language, read through the store (its row or its folder) byte for byte; a video's current file streamed from its
    /// row (<see cref="MediaBlobs"/>, never whole in memory), with every version of its subtitles and transcripts.
    /// </summary>
    public static async Task<int> ExportAsync(PortalDbContext db, MediaStore store, string folder, string sourceCulture, CancellationToken ct)
    {
        var items = await db.MediaItems.AsNoTracking().Include(i => i.AltTexts).Where(i => i.CurrentRevisionId != null).OrderBy(i => i.Key).ToListAsync(ct);
        foreach (var item in items)
        {
            var revisions = await db.MediaRevisions.AsNoTracking().Where(r => r.MediaItemId == item.Id)
                .Select(r => new { r.Id, r.Number, r.Culture, r.ContentType, r.Sha256, r.Size }).ToListAsync(ct);
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
                files.Add((r.Culture, file, r.ContentType, r.Sha256));
                if (item.Kind == MediaKind.Video)
                {
                    await using var output = new FileStream(System.IO.Path.Combine(dir, file), FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    if (!await MediaBlobs.CopyToAsync(db, r.Id, output, ct) || output.Length != r.Size)
                        throw new InvalidOperationException($"media:{item.Key}: the file of revision {r.Number} ({r.Sha256}) is not whole in its row ({output.Length} of {r.Size} bytes)");
                    continue;
                }
                // One file at a time: a library may hold hundreds of megabytes.
                var stored = await db.MediaRevisions.Where(x => x.Id == r.Id).Select(x => x.Bytes).SingleAsync(ct);
                var bytes = await store.ReadAsync(r.Sha256, stored, ct)
                    ?? throw new InvalidOperationException($"media:{item.Key}: the file of revision {r.Number} ({r.Sha256}) is in neither its row nor the media folder {store.Folder}");
                await System.IO.File.WriteAllBytesAsync(System.IO.Path.Combine(dir, file), bytes, ct);
            }
            var texts = new List<(MediaText Text, string File)>();
            if (item.Kind == MediaKind.Video)
            {
                var versions = await db.MediaTexts.AsNoTracking().Where(t => t.MediaItemId == item.Id).ToListAsync(ct);
                foreach (var text in versions.OrderBy(t => t.Kind).ThenBy(t => t.Culture, StringComparer.Ordinal).ThenBy(t => t.Version))
                {
                    var newest = !versions.Exists(t => t.Kind == text.Kind && t.Culture == text.Culture && t.Version > text.Version);
                    var file = $"{TextField(text.Kind)}.{text.Culture}{(newest ? "" : $".v{text.Version}")}.{(text.Kind == MediaTextKind.Subtitles ? "vtt" : "txt")}";
                    await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(dir, file), text.Text, ct); // UTF-8 without a BOM: the stored text byte for byte
                    texts.Add((text, file));
                }
            }
            await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(dir, ItemFile), Render(item, files, texts, sourceCulture), ct);
        }
        return items.Count;
    }

    private static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>media.yaml's field for a video's texts of this kind, and the start of their files' names.</summary>
    private static string TextField(MediaTextKind kind) => kind == MediaTextKind.Subtitles ? "subtitles" : "transcript";

    private static string Render(MediaItem item, List<(string? Culture, string File, string ContentType, string Sha256)> files, List<(MediaText Text, string File)> texts, string sourceCulture)
    {
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
            map.AddRange([("file", file), ("content_type", contentType), ("sha256", sha256)]);
            if (item.Kind == MediaKind.Image) map.Add(("alt", alt.Count == 0 ? null : alt));
        }
        if (item.Kind == MediaKind.Video)
        {
            map.Add(("poster", item.PosterKey));
            foreach (var kind in new[] { MediaTextKind.Subtitles, MediaTextKind.Transcript })
            {
                // Per language, every version oldest first: rows are only added, and a page saved earlier names an older track.
                var languages = texts.Where(t => t.Text.Kind == kind).GroupBy(t => t.Text.Culture).OrderBy(g => g.Key == sourceCulture ? "" : g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, (object?)g.Select(t => new List<(string, object?)>
                    {
                        ("file", t.File), ("version", t.Text.Version), ("translated_from", t.Text.SourceVersion), ("updated", When(t.Text.UpdatedAt)),
                    }).ToList())).ToList();
                map.Add((TextField(kind), languages.Count == 0 ? null : languages));
            }
        }
        return ContentExporter.Yaml(map);
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/webm" => "webm",
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
        // A poster not in this folder may be in the library already: import checks that.
        foreach (var video in items.Where(i => i.Poster is not null && items.Any(p => p.Key == i.Poster && p.Kind != MediaKind.Image)))
            problems.Add(new(video.Path, 1, $"poster '{video.Poster}' is not an image"));
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
        var mediaKind = kind switch { "image" => MediaKind.Image, "video" => MediaKind.Video, "document" => MediaKind.Document, _ => (MediaKind?)null };
        if (kind is not null && mediaKind is null)
            yaml.Problem(yaml.LineOf("kind"), $"kind '{kind}': one of 'image', 'video' and 'document'");
        var name = yaml.String("name", required: true);
        if (name is { Length: > MediaItem.MaxName }) yaml.Problem(yaml.LineOf("name"), $"name is longer than {MediaItem.MaxName} characters");
        var created = Instant(yaml, "created");
        var retired = Instant(yaml, "retired");

        var files = new List<MediaFolderFile>();
        var named = new HashSet<string>(StringComparer.Ordinal); // failed or not: what else is in the folder is reported apart
        List<MediaFolderAlt> alt = [];
        List<MediaFolderText> texts = [];
        string? poster = null;
        if (mediaKind == MediaKind.Document)
        {
            alt = Alt(yaml, options, "title");
            foreach (var (culture, line, v) in Languages(yaml, options, "files", required: true))
            {
                if (v is not YamlMappingNode entry) { yaml.Problem(line, $"files.{culture} must have 'file' and 'sha256'"); continue; }
                var file = yaml.String("file", required: true, within: entry, prefix: $"files.{culture}");
                if (file is not null && !named.Add(file)) yaml.Problem(line, $"files.{culture}: '{file}' is already another language's file");
                else if (file is not null && CheckFile(dir, file, line, MediaKind.Document, "application/pdf", yaml.String("sha256", within: entry), yaml, problems, strings))
                    files.Add(new(culture, file));
            }
        }
        else if (mediaKind is MediaKind.Image or MediaKind.Video)
        {
            if (mediaKind == MediaKind.Image) alt = Alt(yaml, options, "alt");
            else
            {
                poster = yaml.String("poster");
                if (poster is not null && !Slugs.IsValid(poster)) yaml.Problem(yaml.LineOf("poster"), $"poster '{poster}' must be an image's key");
                texts = [.. Texts(dir, yaml, options, MediaTextKind.Subtitles, named, problems, strings), .. Texts(dir, yaml, options, MediaTextKind.Transcript, named, problems, strings)];
            }
            var contentType = yaml.String("content_type", required: true);
            var file = yaml.String("file", required: true);
            if (file is not null) named.Add(file);
            if (file is not null && contentType is not null && CheckFile(dir, file, yaml.LineOf("file"), mediaKind.Value, contentType, yaml.String("sha256"), yaml, problems, strings))
                files.Add(new(null, file));
        }
        foreach (var other in Directory.EnumerateFiles(dir).Select(System.IO.Path.GetFileName).Where(f => f != ItemFile && !named.Contains(f!)).Order(StringComparer.Ordinal))
            problems.Add(new(Display(System.IO.Path.Combine(dir, other!)), 0, $"not named by {ItemFile}"));

        if (key is null || mediaKind is null || name is null || files.Count == 0) return null;
        return new MediaFolderItem(dir, display, key, mediaKind.Value, name, created, retired, files, alt, poster, texts);
    }

    /// <summary>
    /// A file media.yaml names, checked by its bytes as an upload is (<see cref="Check"/>), then its type and SHA-256
    /// against what media.yaml says; false (with the problem) when it fails.
    /// </summary>
    private static bool CheckFile(string dir, string file, int line, MediaKind kind, string contentType, string? sha256, FrontMatter yaml, List<ContentProblem> problems, IStringLocalizerFactory? strings)
    {
        var filePath = System.IO.Path.Combine(dir, file);
        if (file.Contains('/') || file.Contains('\\') || file == ItemFile || !System.IO.File.Exists(filePath))
        {
            yaml.Problem(line, $"file '{file}' is not in {System.IO.Path.GetFileName(dir)}/");
            return false;
        }
        var (checkedFile, refusal) = Check(filePath, kind);
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

    /// <summary>
    /// A file of an export with the checks of an upload: a PDF by <see cref="PdfUpload.Check"/>, an image by
    /// <see cref="ImageUpload.CheckStored"/>, a video by <see cref="VideoContainer.Check"/> (read from disk, hashed as a stream).
    /// </summary>
    public static (CheckedFile? File, Refusal? Refusal) Check(string path, MediaKind kind)
    {
        if (!System.IO.File.Exists(path)) return (null, new Refusal("editor.media.refused-empty"));
        if (kind == MediaKind.Video)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
            var (video, refused) = VideoContainer.Check(stream, System.IO.Path.GetFileName(path), null);
            if (video is null) return (null, refused);
            stream.Position = 0;
            return (new CheckedFile(video.ContentType, [], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream)), null, null, video, stream.Length), null);
        }
        var document = kind == MediaKind.Document;
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

    private static DateTimeOffset? Instant(FrontMatter yaml, string field, YamlMappingNode? within = null)
    {
        var value = yaml.String(field, within: within);
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        yaml.Problem(within is null ? yaml.LineOf(field) : (int)within.Start.Line, $"'{field}' must be a date and time such as 2026-12-06T10:00:00Z, not '{value}'");
        return null;
    }

    /// <summary>
    /// A video's subtitles or transcripts: per language a list of versions, each a file of this folder checked as the
    /// workspace checks a text (<see cref="MediaTexts.Check"/>: subtitles as WebVTT), with the states of alt texts.
    /// </summary>
    private static List<MediaFolderText> Texts(string dir, FrontMatter yaml, PortalOptions options, MediaTextKind kind, HashSet<string> named,
        List<ContentProblem> problems, IStringLocalizerFactory? strings)
    {
        var field = TextField(kind);
        var list = new List<MediaFolderText>();
        foreach (var (culture, line, v) in Languages(yaml, options, field))
        {
            if (v is not YamlSequenceNode versions) { yaml.Problem(line, $"{field}.{culture} must be a list of versions, each with 'file' and 'version'"); continue; }
            var previous = 0;
            foreach (var node in versions.Children)
            {
                var at = (int)node.Start.Line;
                if (node is not YamlMappingNode entry) { yaml.Problem(at, $"{field}.{culture}: each version has 'file' and 'version'"); continue; }
                var file = yaml.String("file", required: true, within: entry, prefix: $"{field}.{culture}");
                var version = yaml.Int("version", required: true, within: entry);
                var from = yaml.Int("translated_from", within: entry);
                var updated = Instant(yaml, "updated", entry);
                if (version is { } ver && ver <= previous) yaml.Problem(at, $"{field}.{culture}: version {ver} after version {previous}; list each version once, oldest first");
                previous = Math.Max(previous, version ?? 0);
                if (culture == options.SourceCulture && from is not null) yaml.Problem(at, $"{field}.{culture}: the source text is translated from nothing");
                if (file is null || version is null) continue;
                if (!named.Add(file)) { yaml.Problem(at, $"{field}.{culture}: '{file}' is already named for another file"); continue; }
                if (ReadText(dir, file, at, kind, yaml, problems, strings) is { } text)
                    list.Add(new(kind, culture, version.Value, culture == options.SourceCulture ? null : from ?? 0, updated, file, text));
            }
        }
        if (list.Count > 0 && list.All(t => t.Culture != options.SourceCulture))
            yaml.Problem(yaml.LineOf(field), $"{field}: a translation without the {options.SourceCulture} (source) text");
        return list;
    }

    /// <summary>A subtitle or transcript file's text as the workspace would store it; null (with the problem, naming the file) when refused.</summary>
    private static string? ReadText(string dir, string file, int line, MediaTextKind kind, FrontMatter yaml, List<ContentProblem> problems, IStringLocalizerFactory? strings)
    {
        var path = System.IO.Path.Combine(dir, file);
        if (file.Contains('/') || file.Contains('\\') || file == ItemFile || !System.IO.File.Exists(path))
        {
            yaml.Problem(line, $"file '{file}' is not in {System.IO.Path.GetFileName(dir)}/");
            return null;
        }
        // Read no more than a text may be (UTF-8 takes at most 4 bytes a character), so a huge file costs nothing.
        var limit = kind == MediaTextKind.Subtitles ? WebVtt.MaxBytes : MediaText.MaxTranscript * 4;
        Refusal? refusal = new FileInfo(path).Length <= limit ? null
            : kind == MediaTextKind.Subtitles ? new("editor.media.vtt-too-large", WebVtt.MaxBytes / 1024) : new("editor.media.transcript-required", MediaText.MaxTranscript);
        string? text = null;
        if (refusal is null)
        {
            try
            {
                var raw = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(System.IO.File.ReadAllBytes(path));
                (text, refusal) = MediaTexts.Check(kind, raw.TrimStart('\uFEFF'));
            }
            catch (System.Text.DecoderFallbackException)
            {
                problems.Add(new(Display(path), 0, "not UTF-8 text"));
                return null;
            }
        }
        if (refusal is not null) problems.Add(new(Display(path), 0, new FieldError("file", refusal.Message, refusal.Arguments).English(strings)));
        return text;
    }

    /// <summary>A per-language mapping's entries (<c>files</c>, <c>alt</c>, <c>subtitles</c>…), each with its line; a key that is not one of the portal's languages is a problem.</summary>
    private static IEnumerable<(string Culture, int Line, YamlNode Value)> Languages(FrontMatter yaml, PortalOptions options, string field, bool required = false)
    {
        if (yaml.Mapping(field, required) is not { } map) yield break;
        foreach (var (k, v) in map.Children)
        {
            var culture = ((YamlScalarNode)k).Value ?? "";
            if (options.Cultures.Contains(culture)) yield return (culture, (int)k.Start.Line, v);
            else yaml.Problem((int)k.Start.Line, $"{field}: '{culture}' is not one of the portal's languages");
        }
    }

    /// <param name="field">"alt" for an image, "title" for a document: the same texts with the same states.</param>
    private static List<MediaFolderAlt> Alt(FrontMatter yaml, PortalOptions options, string field)
    {
        var list = new List<MediaFolderAlt>();
        foreach (var (culture, line, v) in Languages(yaml, options, field))
        {
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
