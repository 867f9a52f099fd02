using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// SQLite only: where the index files go does not depend on the database the texts come from (SearchTests runs both).
/// <summary>
/// The search index lives in a folder that can be thrown away: one build per language under Portal:Search:Folder,
/// what a killed process left there removed at the next start, and nothing left behind by a clean stop.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class SearchFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("portal-search-test-").FullName;

    private sealed class App(string root) : PortalApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:Search:Folder", root);
        }
    }

    [Fact]
    public async Task EachLanguageIsIndexedIntoTheFolderAndAStopLeavesNothingBehind()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(_root, "999999999-0123456789abcdef")).FullName; // no such process
        File.WriteAllText(Path.Combine(leftover, "segments_1"), "left by a killed process");

        var app = new App(_root);
        await using (app)
        {
            await app.SearchReadyAsync();
            using var client = app.CreateReaderClient();
            using var answer = await client.GetAsync("/ar/search?q=Irak");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("/ar/countries/iraq", await answer.Content.ReadAsStringAsync());

            Assert.False(Directory.Exists(leftover));
            var own = Assert.Single(Directory.GetDirectories(_root));
            Assert.StartsWith($"{Environment.ProcessId}-", Path.GetFileName(own));
            // A second build (the scheduler's tick) may have left a replaced language's folder for its grace period.
            var languages = Directory.GetDirectories(own).Select(d => Path.GetFileName(d).Split('-')[0]).Distinct().Order().ToList();
            Assert.Equal(ConfiguredCultures.All.Order().ToList(), languages);
            Assert.All(Directory.GetDirectories(own), d => Assert.NotEmpty(Directory.GetFiles(d, "segments_*")));
        }
        Assert.Empty(Directory.GetDirectories(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
