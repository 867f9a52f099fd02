using System.Net;
using System.Text.RegularExpressions;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// A started node hands back the pages of files only its start ran (Infrastructure/StartPages.cs) and still serves
/// every kind of answer afterwards, the pages it needs coming back from the files.
/// </summary>
[Collection(AloneCollection.Name)]
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)] // what a start hands back does not depend on the database it reads
public sealed partial class StartPagesTests : IDisposable
{
    private readonly ProcessDatabase _db = new();

    public void Dispose() => _db.Dispose();

    /// <summary>
    /// The real call on this test process: with no other portal running (this collection runs alone), the pages of the
    /// assemblies in its folder are its own and go (the framework's are shared with `dotnet test` itself, and stay).
    /// </summary>
    [Fact]
    public void ReleasingHandsBackFileBackedPages()
    {
        var released = StartPages.Release();
        Assert.NotNull(released);
        Assert.True(released.Value.AfterKiB < released.Value.BeforeKiB, $"{released.Value.BeforeKiB} KiB -> {released.Value.AfterKiB} KiB");
    }

    /// <summary>
    /// A server says what it handed back, before its first index build and after it, and then answers everything. How
    /// much it could hand back is not asserted: a page the test process maps too (the same assemblies) stays.
    /// </summary>
    [Fact]
    public async Task AStartedNodeReleasesItsStartPagesAndStillServesPagesSearchAndTheApi()
    {
        using var server = await PortalProcess.StartServerAsync(PortalProcess.Settings(_db), TimeSpan.FromMinutes(2));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Released().Matches(server.Output).Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no two 'Start over' lines in the log:\n" + server.Output);
            await Task.Delay(100);
        }

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
