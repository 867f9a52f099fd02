using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Content;
using Portal.Localization;

namespace Portal.Operations;

/// <summary>
/// The static mirror (`export-site`): asks the running portal for every reader page in every language, the stylesheet and
/// icon, the Atom feeds, sitemap, robots.txt, contact cards and the delivery API's JSON, following every link from the
/// language homes, and writes each answer as a plain file. Every link to the portal itself becomes a relative link to
/// a file (a page /nl/countries/iraq is nl/countries/iraq/index.html, an API answer /api/v1/nl/countries is
/// api/v1/nl/countries.json), so the folder works on any static web server, under any path, and from the disk.
/// The pages come from the app's own pipeline, marked as mirror requests (<see cref="SiteMirrorRequests"/>).
/// </summary>
public sealed partial class SiteMirror(HttpClient client, PortalCultures cultures, SiteMirrorRequests mirror, string? publicUrl)
{
    /// <summary>Where readers who reach a missing address land; static hosts (nginx with error_page, GitHub Pages, Netlify) serve it.</summary>
    public const string NotFoundFile = "404.html";

    /// <summary>The language chooser, "/" of the mirror (the live "/" picks a language from the browser's, which a file cannot).</summary>
    private const string LanguageChooser = "/?choose";

    public sealed record Result(int Files, long Bytes, IReadOnlyList<string> Failures);

    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal); // URL path (with query) → file, relative to the folder
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal); // files: /nl and /nl/ are one
    private readonly Queue<string> _queue = new();
    private readonly List<string> _failures = [];
    private readonly string[] _origins = new[] { client.BaseAddress!.GetLeftPart(UriPartial.Authority), publicUrl?.TrimEnd('/') }
        .OfType<string>().Where(o => o.Length > 0).Distinct().ToArray();

    public async Task<Result> WriteAsync(string folder, DateTimeOffset made, CancellationToken ct = default)
    {
        var secret = mirror.Begin(made);
        try
        {
            Enqueue(LanguageChooser);
            foreach (var c in cultures.Names)
            {
                Enqueue(ReaderUrls.Home(c));
                foreach (var list in new[] { ApiUrls.Countries(c), ApiUrls.SupportPoints(c), ApiUrls.Stories(c), ApiUrls.Pages(c) }) Enqueue(list);
            }
            Enqueue(ApiUrls.Languages);
            Enqueue("/sitemap.xml");
            Enqueue("/robots.txt");

            long bytes = 0;
            while (_queue.TryDequeue(out var path))
                bytes += await MirrorAsync(folder, path, secret, ct);
            bytes += await NotFoundPageAsync(folder, secret, ct);
            return new Result(_queued.Count + 1 - _failures.Count, bytes, _failures);
        }
        finally
        {
            mirror.End();
        }
    }

    private async Task<long> MirrorAsync(string folder, string path, string secret, CancellationToken ct)
    {
        using var response = await GetAsync(path, secret, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _failures.Add($"{path}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return 0;
        }
        var file = _files[path];
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var bytes = IsText(type) ? Encoding.UTF8.GetBytes(Rewrite(await response.Content.ReadAsStringAsync(ct), type, file)) : await response.Content.ReadAsByteArrayAsync(ct);
        return await WriteFileAsync(folder, file, bytes, ct);
    }

    /// <summary>
    /// 404.html, for any address the mirror lacks. It is served at whatever depth was asked for, so its links are
    /// relative to the root of the host ("/nl/index.html"): right when the mirror is at a host's root, as it usually is.
    /// </summary>
    private async Task<long> NotFoundPageAsync(string folder, string secret, CancellationToken ct)
    {
        using var response = await GetAsync($"/{cultures.Source}/{Guid.NewGuid():N}", secret, ct);
        if (response.StatusCode != HttpStatusCode.NotFound) _failures.Add($"the not-found page: {(int)response.StatusCode} {response.ReasonPhrase}");
        var html = Rewrite(await response.Content.ReadAsStringAsync(ct), "text/html", null);
        return await WriteFileAsync(folder, NotFoundFile, Encoding.UTF8.GetBytes(html), ct);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string secret, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(SiteMirrorRequests.Header, secret);
        // With a public URL configured the portal may answer only requests for that host.
        if (publicUrl is not null && Uri.TryCreate(publicUrl, UriKind.Absolute, out var host)) request.Headers.Host = host.Authority;
        return await client.SendAsync(request, ct);
    }

    private static async Task<long> WriteFileAsync(string folder, string file, byte[] bytes, CancellationToken ct)
    {
        var target = Path.Combine(folder, Uri.UnescapeDataString(file).Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllBytesAsync(target, bytes, ct);
        return bytes.Length;
    }

    private static bool IsText(string mediaType)
        => mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.EndsWith("json", StringComparison.Ordinal) || mediaType.EndsWith("xml", StringComparison.Ordinal);

    /// <summary>
    /// The portal's own links in <paramref name="text"/> made relative to <paramref name="file"/> (root-relative when it
    /// is null: the 404 page), and queued; links elsewhere stay as they are. Any other mention of the address the export
    /// ran on becomes the public URL, or the bare path when there is none.
    /// </summary>
    private string Rewrite(string text, string mediaType, string? file)
    {
        // The 404 page links only to what the mirror already holds: its own address (in its canonical link) is no page.
        string Link(string url) => Own(url, discover: file is not null) is { } own ? LinkTo(own, file) : url;
        string Attribute(Match m) => $"{m.Groups[1].Value}=\"{WebUtility.HtmlEncode(Link(WebUtility.HtmlDecode(m.Groups[2].Value)))}\"";

        if (mediaType.EndsWith("json", StringComparison.Ordinal) && JsonNode.Parse(text) is { } json)
        {
            RewriteJson(json, Link);
            text = json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        else
        {
            text = LinkAttribute().Replace(text, Attribute);
            // An image's copies for each screen width: "url 320w, url 640w", each URL rewritten and mirrored.
            text = SourceSet().Replace(text, m => $"srcset=\"{WebUtility.HtmlEncode(string.Join(", ", WebUtility.HtmlDecode(m.Groups[1].Value)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => c.Split(' ', 2) is [var u, var w] ? Link(u) + " " + w : Link(c)))) }\"");
            text = SitemapLocation().Replace(text, m => $"<loc>{WebUtility.HtmlEncode(Link(WebUtility.HtmlDecode(m.Groups[1].Value)))}</loc>");
            if (mediaType == "text/plain") text = RobotsSitemap().Replace(text, m => m.Groups[1].Value + Link(m.Groups[2].Value));
        }
        foreach (var origin in _origins) text = text.Replace(origin, publicUrl?.TrimEnd('/') ?? "", StringComparison.Ordinal);
        return text;
    }

    private static void RewriteJson(JsonNode node, Func<string, string> link)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && IsPath(s)) o[key] = link(s);
                    else if (value is not null) RewriteJson(value, link);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s) && IsPath(s)) a[i] = link(s);
                    else if (a[i] is { } child) RewriteJson(child, link);
                }
                break;
        }
    }

    /// <summary>A JSON string that is a link of the portal (the API's self, page and feed links), not a text that starts with a slash.</summary>
    private static bool IsPath(string s) => s.StartsWith('/') && !s.Any(char.IsWhiteSpace);

    /// <summary>The path (and query) of a link to a page or file the mirror holds, queued on first sight; null for any other link.</summary>
    private string? Own(string url, bool discover = true)
    {
        foreach (var origin in _origins)
            if (url.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase)) url = url[origin.Length..];
        if (!url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal)) return null;
        var path = url.Split('#', 2)[0];
        return (discover ? Enqueue(path) : _files.ContainsKey(path)) ? url : null;
    }

    /// <summary>Queues a path of the portal for the mirror unless it cannot work as a file (search, editor, the live API's
    /// reference) or takes a query only the portal can answer; true when the mirror holds it.</summary>
    private bool Enqueue(string path)
    {
        if (_files.ContainsKey(path)) return true;
        if (FileFor(path) is not { } file) return false;
        _files[path] = file;
        if (_queued.Add(file)) _queue.Enqueue(path);
        return true;
    }

    private string? FileFor(string path)
    {
        if (path == LanguageChooser) return "index.html";
        var (bare, query) = path.Split('?', 2) is [var p, var q] ? (p, q) : (path, null);
        var segments = bare.Trim('/').Split('/');
        if (bare.StartsWith(ApiUrls.Base + "/", StringComparison.Ordinal))
            return query is null ? $"{bare.TrimStart('/')}.json" : $"{bare.TrimStart('/')}.{QueryName().Replace(query, "_")}.json";
        if (query is not null || segments[0] is "editor" or "api" or "openapi" or "_diagnostics" or "health") return null;
        if (segments.Length == 2 && cultures.IsSupported(segments[0]) && segments[1] == "search") return null;
        var last = segments[^1];
        return last.Contains('.') ? bare.TrimStart('/') : (bare.Trim('/') is { Length: > 0 } dir ? dir + "/index.html" : "index.html");
    }

    /// <summary>The own link <paramref name="url"/> (path, maybe a fragment) as seen from <paramref name="from"/>.</summary>
    private string LinkTo(string url, string? from)
    {
        var (path, fragment) = url.Split('#', 2) is [var p, var f] ? (p, "#" + f) : (url, "");
        var target = _files[path];
        if (from is null) return "/" + target + fragment;
        var fromDir = from.Split('/')[..^1];
        var to = target.Split('/');
        var common = 0;
        while (common < fromDir.Length && common < to.Length - 1 && fromDir[common] == to[common]) common++;
        var relative = string.Concat(Enumerable.Repeat("../", fromDir.Length - common)) + string.Join('/', to[common..]);
        return relative + fragment;
    }

    [GeneratedRegex(@"\b(href|src|action|poster)=""([^""]*)""")]
    private static partial Regex LinkAttribute();

    [GeneratedRegex(@"\bsrcset=""([^""]*)""")]
    private static partial Regex SourceSet();

    [GeneratedRegex("<loc>([^<]*)</loc>")]
    private static partial Regex SitemapLocation();

    [GeneratedRegex(@"(?m)^(Sitemap:\s*)(\S+)")]
    private static partial Regex RobotsSitemap();

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex QueryName();
}
