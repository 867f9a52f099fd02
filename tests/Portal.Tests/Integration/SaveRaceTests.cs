using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Saves of the same version fired at the same moment (two people, two scripts, two nodes): one wins, the other is told
/// the text changed (412 in the API, the 409 page with its text in the workspace), never a 500, and nothing is lost or doubled.
/// </summary>
// Every provider: the race is decided by each database's unique index on the revision number.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class SaveRaceTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;

    public SaveRaceTests() => _app = new ClockedPortalApplication(_clock);

    public void Dispose() => _app.Dispose();

    private const string About = "/api/v1/manage/items/page/about/nl";

    [Fact]
    public async Task ConcurrentApiSavesOfOneVersionGiveOneWinnerAndTheOthers412()
    {
        var token = await _app.EditorTokenAsync();
        var clients = Enumerable.Range(0, 4).Select(_ => { var c = _app.CreateClient(); c.UseToken(token); return c; }).ToList();
        try
        {
            for (var round = 0; round < 8; round++)
            {
                using var got = await clients[0].GetAsync(About);
                var draft = ManagementApiTests.DraftFrom(await ManagementApiTests.JsonAsync(got));
                var sends = clients.Select((c, i) =>
                {
                    var body = draft.DeepClone().AsObject();
                    body["body"] = $"Ronde {round}, schrijver {i}.";
                    return ManagementApiTests.SendAsync(c, HttpMethod.Put, About + "/draft", body, got.Headers.ETag);
                }).ToList();
                var answers = await Task.WhenAll(sends);
                var statuses = answers.Select(a => (int)a.StatusCode).ToList();
                Assert.True(statuses.Count(s => s == 200) == 1 && statuses.Count(s => s == 412) == clients.Count - 1, $"round {round}: {string.Join(", ", statuses)}");
                var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
                var stored = (string)(await ManagementApiTests.JsonAsync(winner))["draft"]!["body"]!;
                var drafts = await _app.WithDbAsync((db, _) => db.ContentRevisions.CountAsync(r => r.Translation.Item.Key == "about" && r.Translation.Culture == "nl" && r.BodyMarkdown.StartsWith($"Ronde {round},")));
                Assert.Equal(1, drafts); // the winner's, once
                Assert.StartsWith($"Ronde {round}, schrijver", stored);
                foreach (var a in answers) a.Dispose();
            }
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentWorkspaceSavesGiveOneRedirectAndThe409PageWithTheLosersText()
    {
        var about = await _app.ItemIdAsync("about");
        var editors = new List<HttpClient>();
        for (var i = 0; i < 3; i++) editors.Add(await _app.SignInAsync($"editor{i}@example.org", "Editor"));
        try
        {
            for (var round = 0; round < 4; round++)
            {
                var forms = new List<AngleSharp.Html.Dom.IHtmlDocument>();
                foreach (var e in editors) forms.Add(await e.GetDocumentAsync($"/editor/content/{about}/nl"));
                var answers = await Task.WhenAll(editors.Select((e, i) => e.SubmitAsync(forms[i], "#edit-form", "button[formaction*='handler=Save']",
                    new Dictionary<string, string?> { ["Form.Body"] = $"Ronde {round}, redacteur {i}." })));
                var statuses = answers.Select(a => (int)a.StatusCode).ToList();
                Assert.True(statuses.Count(s => s == 302) == 1 && statuses.Count(s => s == 409) == editors.Count - 1, $"round {round}: {string.Join(", ", statuses)}");
                for (var i = 0; i < answers.Length; i++)
                {
                    if (answers[i].StatusCode != HttpStatusCode.Conflict) continue;
                    var page = await Html.GetDocumentAsync(answers[i]);
                    Assert.Equal($"Ronde {round}, redacteur {i}.", page.QuerySelector("textarea[name='Form.Body']")!.TextContent);
                }
                foreach (var a in answers) a.Dispose();
            }
        }
        finally
        {
            foreach (var e in editors) e.Dispose();
        }
    }
}
