using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Content;
using Portal.Content.Import;
using Portal.Tests.Support;
using static Portal.Tests.Integration.ManagementApiTests;

namespace Portal.Tests.Integration;

/// <summary>
/// Random hostile text, through the two ways text gets in (the management API's draft endpoint and content files):
/// every answer is 2xx or 4xx, and whatever was stored and published renders as HTML and Atom XML a parser accepts, with
/// no control character in either. 100 cases each from a fixed seed (<see cref="Seed"/>): a failure replays as it was;
/// change the seed by hand to explore further.
/// </summary>
// Every provider: the text is stored in, and read back from, the app's own database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed partial class HostileInputPropertyTests : IDisposable
{
    private const string Seed = "(20261206,1)";
    private const string Guinea = "/api/v1/manage/items/country-guide/guinea/nl";
    private readonly PortalApplication _app = new();

    public void Dispose() => _app.Dispose();

    [Property(MaxTest = 100, Replay = Seed)]
    public Property TheDraftEndpointAnswers2xxOr4xxAndWhatIsPublishedRendersValid() =>
        Prop.ForAll(Arb.From(Hostile.Drafts), draft => SaveAndPublishAsync(draft).GetAwaiter().GetResult());

    [Property(MaxTest = 100, Replay = Seed)]
    public Property AContentFileIsRefusedWithAProblemOrImportedAndRendersValid() =>
        Prop.ForAll(Arb.From(Hostile.Files), file => ImportFileAsync(file).GetAwaiter().GetResult());

    private string? _tokenValue;

    private async Task SaveAndPublishAsync(HostileDraft draft)
    {
        using var api = _app.CreateReaderClient();
        api.UseToken(_tokenValue ??= await _app.EditorTokenAsync());
        using var got = await api.GetAsync(Guinea);
        var current = DraftFrom(await JsonAsync(got));
        var body = draft.Apply(current);

        using var request = new HttpRequestMessage(HttpMethod.Put, Guinea + "/draft") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.IfMatch.Add(got.Headers.ETag!);
        using var saved = await api.SendAsync(request);
        var answer = await saved.Content.ReadAsStringAsync();
        Assert.True((int)saved.StatusCode is >= 200 and < 500, $"{(int)saved.StatusCode} for {draft}: {answer}");
        if (!saved.IsSuccessStatusCode) return;

        using var published = await SendAsync(api, HttpMethod.Post, Guinea + "/publish", null, saved.Headers.ETag);
        Assert.True((int)published.StatusCode is >= 200 and < 500, $"publish {(int)published.StatusCode} for {draft}");
        if (published.StatusCode != HttpStatusCode.OK) return;
        await AssertRendersValidAsync("/nl/countries/guinea", "/nl/feed.atom", "/nl/countries/guinea/feed.atom");
    }

    private async Task ImportFileAsync(HostileFile file)
    {
        var folder = RepoPaths.CopyContent();
        try
        {
            var path = Path.Combine(folder, "pages", "about.nl.md");
            File.WriteAllBytes(path, file.Bytes(File.ReadAllText(path)));
            var problems = await _app.WithDbAsync(async (_, sp) =>
            {
                var (files, problems) = sp.GetRequiredService<ContentValidator>().Validate(folder);
                if (problems.Count == 0) await sp.GetRequiredService<ContentImporter>().ImportAsync(files);
                return problems;
            });
                Assert.All(problems, p => Assert.Matches(@"^.+\.md:\d+: ", p.ToString())); // refused with a place, not thrown
            if (problems.Count == 0) await AssertRendersValidAsync("/nl/about", "/nl/feed.atom");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private async Task AssertRendersValidAsync(string page, params string[] feeds)
    {
        using var reader = _app.CreateReaderClient();
        using var response = await reader.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
        AssertNoControlCharacters(page, html);
        var parser = new HtmlParser();
        var errors = new List<string>();
        parser.Error += (_, e) => errors.Add(((AngleSharp.Html.Dom.Events.HtmlErrorEvent)e).Message);
        var document = parser.ParseDocument(html);
        Assert.True(errors.Count == 0, $"{page}: {string.Join("; ", errors)}");
        Assert.NotNull(document.QuerySelector("main h1"));
        Assert.DoesNotContain(document.Body!.TextContent, c => ControlCharacters.IsForbidden(c)); // the text as read, references decoded

        foreach (var feed in feeds)
        {
            using var atom = await reader.GetAsync(feed);
            var xml = await atom.Content.ReadAsStringAsync();
            Assert.True(atom.StatusCode == HttpStatusCode.OK, $"{feed}: {(int)atom.StatusCode} {xml}");
            AssertNoControlCharacters(feed, XDocument.Parse(xml).ToString()); // Parse throws on what XML cannot carry
        }
    }

    private static void AssertNoControlCharacters(string where, string text)
    {
        var found = ControlCharacter().Match(text);
        Assert.False(found.Success, found.Success ? $"{where}: a control character or its reference in: {Hostile.Show(text.Substring(Math.Max(0, found.Index - 60), Math.Min(text.Length - Math.Max(0, found.Index - 60), 120)))}" : "");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"&#x0*([0-8bcBC]|1[0-9a-fA-F]|7[fF]);|&#0*([0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]|127);|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")]
    private static partial System.Text.RegularExpressions.Regex ControlCharacter();
}
