using System.Net;
using System.Text.RegularExpressions;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// A started node hands back the pages of files only its start ran (Infrastructure/StartPages.cs) and still serves
/// every kind of answer afterwards, the pages it needs coming back from the files.
/// </summary>
public sealed partial class StartPagesTests : IDisposable
{
    private readonly ProcessDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AStartedNodeReleasesFileBackedMemoryAndStillServesPagesSearchAndTheApi()
    {
        using var server = await PortalProcess.StartServerAsync(PortalProcess.Settings(_db), TimeSpan.FromMinutes(2));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        MatchCollection released;
        while ((released = Released().Matches(server.Output)).Count < 2) // before the first index build and after it
        {
            Assert.True(DateTime.UtcNow < deadline, "no 'Start over' line in the log:\n" + server.Output);
            await Task.Delay(100);
        }
        foreach (Match m in released) Assert.True(int.Parse(m.Groups["after"].Value) < int.Parse(m.Groups["before"].Value), m.Value);

        using var client = new HttpClient { BaseAddress = server.Address };
        Assert.Contains("Guinee", await client.GetStringAsync("/nl/countries/guinea"));
        Assert.Contains("/ar/countries/", await client.GetStringAsync("/ar/search?q=" + Uri.EscapeDataString("العراق")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/fa/countries/iraq")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/nl/feed.atom")).StatusCode);
    }

    [Theory]
    [InlineData("7f1c2a000000-7f1c2a400000 r--p 00000000 fd:01 1234 /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/System.Private.CoreLib.dll", true)]
    [InlineData("7f1c2a400000-7f1c2a500000 r-xp 00001000 fd:01 1235 /usr/lib/x86_64-linux-gnu/libc.so.6", true)]
    [InlineData("7f1c2a500000-7f1c2a510000 rw-p 00100000 fd:01 1235 /usr/lib/x86_64-linux-gnu/libc.so.6", false)] // written data
    [InlineData("7f1c2a510000-7f1c2a520000 r--s 00000000 fd:01 1236 /data/portal.db", false)] // shared: the database's
    [InlineData("7f1c2a520000-7f1c2a530000 r-xs 00000000 00:01 1237 /memfd:doublemapper (deleted)", false)] // the code heap
    [InlineData("7f1c2a530000-7f1c2a540000 rw-p 00000000 00:00 0 ", false)] // anonymous
    [InlineData("7f1c2a540000-7f1c2a550000 r--p 00000000 00:00 0 [vvar]", false)]
    public void OnlyPrivateReadOnlyMappingsOfFilesAreReleased(string line, bool released)
        => Assert.Equal(released, StartPages.Candidate(line) is not null);

    [GeneratedRegex(@"Start over: file-backed memory released from (?<before>\d+) MiB to (?<after>\d+) MiB")]
    private static partial Regex Released();
}
