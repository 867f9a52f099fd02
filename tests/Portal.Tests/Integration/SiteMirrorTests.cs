using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Media;
using Portal.Operations;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// `export-site`: the static mirror, served by Debian's nginx as any static host would serve it, and crawled from the home
/// page of every language: every link and asset answers 200, nothing is loaded from another host, no script or form,
/// every page says in its own language when the copy was made; the feeds, sitemap and API answers link inside the mirror.
/// </summary>
// Every provider: the pages are rendered from the app's database. The real process is in SiteMirrorCommandTests.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class SiteMirrorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-mirror-" + Guid.NewGuid().ToString("N"));

    [NginxFact]
    public async Task TheMirrorOnAStaticHostHasEveryPageOfEveryLanguageWithWorkingLinksAndNothingFromElsewhere()
    {
        using (var app = new PortalApplication())
        {
            await PlaceAPhotoAndALeafletAsync(app);

            using var client = app.CreateReaderClient();
            Assert.Equal(0, await SiteMirrorCommand.ExportAsync(app.Services, client, _folder));

            // The live site is untouched by the export: its pages keep the search box and have no copy line.
            var live = await client.GetStringAsync("/nl/");
            Assert.Contains("role=\"search\"", live);
            Assert.DoesNotContain(MirrorCrawl.CopyLine("nl"), live);
        }
        using var nginx = Nginx.StaticSite(_folder);
        var crawl = await MirrorCrawl.RunAsync(nginx.BaseUrl);

        // Every country guide, safety page, story and page of the seed, in every language, was reached by links alone.
        foreach (var culture in ConfiguredCultures.All)
            foreach (var page in new[] { "", "countries/", "stories/", "support-points/", "countries/iraq/", "countries/iraq/safety/", "countries/guinea/",
                         "countries/guinea/safety/", "stories/mazan/", "about/", "privacy/", "countries/iraq/print/" })
                Assert.Contains($"/{culture}/{page}index.html", crawl.Pages);
        Assert.Contains(crawl.Files, f => f.StartsWith("/media/foto/", StringComparison.Ordinal) && f.EndsWith("-320.webp", StringComparison.Ordinal));
        Assert.Contains(crawl.Files, f => f.StartsWith("/media/folder/", StringComparison.Ordinal) && f.EndsWith(".pdf", StringComparison.Ordinal));
    }

    [VnuFact]
    public async Task EveryPageOfTheMirrorAndIts404AreValidHtml()
    {
        using (var app = new PortalApplication())
        {
            await PlaceAPhotoAndALeafletAsync(app);

            using var client = app.CreateReaderClient();
            Assert.Equal(0, await SiteMirrorCommand.ExportAsync(app.Services, client, _folder));
        }
        var pages = Directory.GetFiles(_folder, "*.html", SearchOption.AllDirectories);
        Assert.Contains(Path.Combine(_folder, SiteMirror.NotFoundFile), pages);

        // One JVM for all pages, as in HtmlValidityTests.
        var psi = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-jar", TestTools.VnuJar, "--errors-only" }.Concat(pages)) psi.ArgumentList.Add(a);
        using var vnu = Process.Start(psi)!;
        var stdout = vnu.StandardOutput.ReadToEndAsync();
        var stderr = await vnu.StandardError.ReadToEndAsync();
        await vnu.WaitForExitAsync();
        Assert.True(vnu.ExitCode == 0, stderr + await stdout);
    }

    /// <summary>A photo and a leaflet on a page: the mirror must hold their files (each srcset width), linked relatively.</summary>
    private static async Task PlaceAPhotoAndALeafletAsync(PortalApplication app)
    {
        var editor = new Actor("editor@example.org", new HashSet<string> { Roles.Editor });
        foreach (var (name, bytes) in new[] { ("foto.jpg", TestImages.Jpeg(1400, 900)), ("folder.pdf", TestPdfs.OfSize(3000)) })
        {
            var (uploaded, _) = await app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(null, name, bytes), editor));
            Assert.True(uploaded.Succeeded, uploaded.Message);
        }
        foreach (var (key, text) in new[] { ("foto", "Een testfoto"), ("folder", "Folder") })
            Assert.True((await app.WithDbAsync((_, sp) => sp.GetRequiredService<AltTexts.Handler>().HandleAsync(new(key, "nl", text), editor))).Succeeded);
        await app.PublishAppendedAsync("privacy", "nl", "\n\n![[media:foto]]\n\n![[media:folder]]\n", editor);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>`export-site` as an operator runs it: the real process on a database of its own, and what it refuses.</summary>
// Every provider: the process migrates, seeds and reads its own database (a SQLite file, or a PostgreSQL database).
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class SiteMirrorCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("portal-mirror-cli-").FullName;
    private readonly ProcessDatabase _db = new();

    private Task<(int Code, string Output, string Error)> ExportSiteAsync(params string[] args)
    {
        var settings = PortalProcess.Settings(_db);
        // The build output has no wwwroot of its own; the project folder has (as `dotnet run` uses it).
        settings["ASPNETCORE_CONTENTROOT"] = Path.Combine(RepoPaths.Root, "src", "Portal");
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        return PortalProcess.RunAsync(settings, ["export-site", .. args]);
    }

    [NginxFact]
    public async Task ExportSiteWritesAMirrorThatAStaticHostServesWithWorkingLinks()
    {
        var folder = Path.Combine(_scratch, "mirror");
        var (code, output, error) = await ExportSiteAsync(folder);
        Assert.True(code == 0, $"exit {code}: {output} {error}");
        Assert.Contains($"Wrote the static mirror to {folder}", output);

        using var nginx = Nginx.StaticSite(folder);
        var crawl = await MirrorCrawl.RunAsync(nginx.BaseUrl);
        Assert.Contains("/index.html", crawl.Pages); // the language chooser at the mirror's root
        Assert.Equal(6, crawl.Pages.Count(p => p.EndsWith("/countries/iraq/index.html", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AFileAsTargetIsRefusedWithOneClearLine()
    {
        var file = Path.Combine(_scratch, "mirror.txt");
        await File.WriteAllTextAsync(file, "keep me");
        var (code, output, error) = await ExportSiteAsync(file);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"{file} is a file; export-site writes into a new or empty folder.", error.Trim());
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task AFolderThatCannotBeWrittenIsRefusedWithOneClearLine()
    {
        // Not a chmod'ed folder: the tests may run as root, who may write there anyway. Nobody may make a folder in /sys.
        var folder = "/sys/portal-mirror-" + Guid.NewGuid().ToString("N");
        var (code, _, error) = await ExportSiteAsync(folder);
        Assert.Equal(2, code);
        Assert.StartsWith($"Cannot write to {folder}: ", error.Trim());
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task AFolderWithFilesInItIsRefusedAndKeepsThem()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch, "old-mirror")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), "old");
        var (code, _, error) = await ExportSiteAsync(folder);
        Assert.Equal(2, code);
        Assert.Contains($"{folder} is not empty", error);
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(folder, "index.html")));
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }
}

/// <summary>A crawl of a served mirror from the home page of every language, asserting as it goes.</summary>
internal sealed class MirrorCrawl
{
    private static readonly Dictionary<string, string> CopyLines = ConfiguredCultures.All.ToDictionary(c => c, c =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Locales, $"{c}.json")))!["mirror.copy"]!.GetValue<string>().Split("{0}")[0]);

    /// <summary>The copy line's words before its date, in <paramref name="culture"/>.</summary>
    public static string CopyLine(string culture) => CopyLines[culture];

    public HashSet<string> Pages { get; } = [];
    private readonly HashSet<string> _checked = [];

    /// <summary>Every file (not page) a page loads or links to, checked to answer 200: styles, icons, media, feeds.</summary>
    public IReadOnlyCollection<string> Files => _checked;
    private readonly HttpClient _client;
    private readonly Uri _root;

    private MirrorCrawl(string baseUrl)
    {
        _root = new Uri(baseUrl + "/");
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _root };
    }

    public static async Task<MirrorCrawl> RunAsync(string baseUrl)
    {
        var crawl = new MirrorCrawl(baseUrl);
        using (crawl._client)
        {
            var queue = new Queue<Uri>(ConfiguredCultures.All.Select(c => new Uri(crawl._root, $"{c}/")).Append(new Uri(crawl._root, "index.html")));
            while (queue.TryDequeue(out var page))
                foreach (var next in await crawl.PageAsync(page))
                    queue.Enqueue(next);
            await crawl.FilesAsync();
            await crawl.NotFoundAsync();
        }
        return crawl;
    }

    /// <summary>Checks one page and every link and asset on it; returns the pages it links to that are not crawled yet.</summary>
    private async Task<List<Uri>> PageAsync(Uri url)
    {
        var path = url.AbsolutePath.EndsWith('/') ? url.AbsolutePath + "index.html" : url.AbsolutePath;
        if (!Pages.Add(path)) return [];
        var html = await GetOkAsync(url, "text/html");
        var document = new HtmlParser().ParseDocument(html);
        var culture = document.DocumentElement.GetAttribute("lang")!;
        var first = path.Split('/')[1];
        if (ConfiguredCultures.All.Contains(first)) Assert.Equal(first, culture);
        Assert.True(document.Body!.TextContent.Contains(CopyLine(culture)), $"{path} has no copy line in {culture}");
        // The support points' structured data (application/ld+json) is a data block a browser never runs.
        Assert.Empty(document.QuerySelectorAll("script:not([type='application/ld+json']), form, iframe, object, embed"));
        var links = new List<Uri>();
        foreach (var element in document.QuerySelectorAll("[href], [src], [srcset], [action], [formaction], [poster], [data]"))
        {
            foreach (var attribute in new[] { "href", "src", "srcset", "action", "formaction", "poster", "data" })
            {
                if (element.GetAttribute(attribute) is not { } attributeValue) continue;
                // A srcset names one URL per candidate ("a.webp 320w, b.webp 640w"): each is checked.
                foreach (var value in attribute == "srcset" ? attributeValue.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.Split(' ')[0]) : [attributeValue])
                {
                    if (value.StartsWith('#') || value.StartsWith("tel:", StringComparison.Ordinal) || value.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                    var target = new Uri(url, value);
                    if (target.Authority != _root.Authority)
                    {
                        // Outbound links in the content (a source, a route planner) are links a reader may follow, never loads.
                        Assert.True(element.LocalName == "a" && attribute == "href" && !value.StartsWith("//", StringComparison.Ordinal),
                            $"{path} makes a request to {value} ({element.LocalName} {attribute})");
                        continue;
                    }
                    Assert.False(value.StartsWith('/'), $"{path}: {value} is relative to the host's root, not to the page; under a path it would miss");
                    var bare = new UriBuilder(target) { Fragment = "" }.Uri;
                    if (element.LocalName == "a" && (bare.AbsolutePath.EndsWith(".html", StringComparison.Ordinal) || bare.AbsolutePath.EndsWith('/')))
                        links.Add(bare);
                    else
                        await CheckAsync(bare);
                }
            }
        }
        return links;
    }

    /// <summary>The sitemap, robots.txt, feeds and API answers: every link in them resolves inside the mirror.</summary>
    private async Task FilesAsync()
    {
        var sitemapUrl = new Uri(_root, "sitemap.xml");
        var sitemap = XDocument.Parse(await GetOkAsync(sitemapUrl, "xml"));
        var locations = sitemap.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        Assert.NotEmpty(locations);
        foreach (var loc in locations)
            Assert.Contains(new Uri(sitemapUrl, loc).AbsolutePath, Pages); // every page the sitemap lists was reached by links

        Assert.Contains("Sitemap: sitemap.xml", await GetOkAsync(new Uri(_root, "robots.txt"), "text/plain"));

        foreach (var culture in ConfiguredCultures.All)
        {
            var feedUrl = new Uri(_root, $"{culture}/feed.atom");
            var feed = XDocument.Parse(await GetOkAsync(feedUrl, "atom"));
            foreach (var href in feed.Descendants().Where(e => e.Name.LocalName == "link").Select(e => e.Attribute("href")!.Value))
                await CheckAsync(new Uri(feedUrl, href));

            var listUrl = new Uri(_root, $"api/v1/{culture}/countries.json");
            var list = JsonNode.Parse(await GetOkAsync(listUrl, "json"))!;
            foreach (var item in list["items"]!.AsArray())
            {
                var self = new Uri(listUrl, item!["links"]!["self"]!.GetValue<string>());
                Assert.Contains(new Uri(listUrl, item["links"]!["page"]!.GetValue<string>()).AbsolutePath, Pages);
                var detail = JsonNode.Parse(await GetOkAsync(self, "json"))!;
                Assert.Equal(item["slug"]!.GetValue<string>(), detail["slug"]!.GetValue<string>());
            }
        }
    }

    /// <summary>A missing address gets 404.html: a 404, in the source language, with its stylesheet.</summary>
    private async Task NotFoundAsync()
    {
        using var response = await _client.GetAsync("nl/countries/nowhere/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains(CopyLine("nl"), document.Body!.TextContent);
        var stylesheet = document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        await CheckAsync(new Uri(new Uri(_root, "nl/countries/nowhere/"), stylesheet));
    }

    private async Task CheckAsync(Uri url)
    {
        if (!_checked.Add(url.AbsolutePath)) return;
        using var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url.AbsolutePath}: {(int)response.StatusCode}");
    }

    private async Task<string> GetOkAsync(Uri url, string type)
    {
        using var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url.AbsolutePath}: {(int)response.StatusCode}");
        Assert.Contains(type, response.Content.Headers.ContentType?.MediaType ?? "");
        _checked.Add(url.AbsolutePath);
        return await response.Content.ReadAsStringAsync();
    }
}
