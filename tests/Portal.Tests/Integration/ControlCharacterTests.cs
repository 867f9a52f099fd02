using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The second line of defence: a control character that got into the database anyway (a revision saved before input
/// refused them, a hand-made row) is never written into a feed or a page, so one bad revision in the history can never
/// make a feed fail again.
/// </summary>
// Every provider: the bad text is stored in the app's own database (PostgreSQL cannot store U+0000, so only U+0001 there).
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class ControlCharacterTests : IDisposable
{
    private readonly LoggedPortalApplication _app = new(new LogCapture());

    public void Dispose() => _app.Dispose();

    private static string Bad => TestDatabase.Provider == TestProvider.PostgreSql ? "\u0001" : "\u0001\u0000\u001b";

    /// <summary>Straight into every published revision, around the validation that would refuse it.</summary>
    private Task StoreBadTextEverywhereAsync() => _app.WithDbAsync(async (db, _) =>
    {
        var bad = Bad;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "ContentRevisions" SET "ChangeNote" = {"Note" + bad + "end"}, "Title" = "Title" || {bad} || 'end', "Summary" = "Summary" || {bad}, "IsMajor" = TRUE
            WHERE "Id" IN (SELECT "PublishedRevisionId" FROM "ContentTranslations" WHERE "PublishedRevisionId" IS NOT NULL)
            """);
        return 0;
    });

    [Fact]
    public async Task EveryFeedAndPageStaysValidWithAControlCharacterInTheHistory()
    {
        await StoreBadTextEverywhereAsync();
        using var client = _app.CreateReaderClient();

        foreach (var culture in ConfiguredCultures.All)
        {
            foreach (var path in new[] { $"/{culture}/feed.atom", $"/{culture}/countries/guinea/feed.atom" })
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
                var feed = XDocument.Parse(body); // throws on a character XML cannot carry
                Assert.Contains(feed.Descendants(AtomFeedTests.Atom + "content"), c => c.Value == "Noteend");
            }
            foreach (var path in new[] { $"/{culture}/countries/guinea", $"/{culture}/support-points", $"/{culture}/", $"/{culture}/about" })
            {
                using var response = await client.GetAsync(path);
                var html = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {_app.Logs.Lines.LastOrDefault(l => l.Exception is not null)?.Exception}");
                Assert.DoesNotMatch(@"&#x(0|1|1b|1B);|[\u0000-\u0008\u000b\u000c\u000e-\u001f]", html);
                Assert.Matches("\uFFFD+end", WebUtility.HtmlDecode(html)); // replaced where HTML is written
            }
        }
    }
}
