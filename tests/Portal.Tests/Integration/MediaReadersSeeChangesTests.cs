using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Shared steps: a published page that shows a photo, and the changes to that photo an editor makes in the library.</summary>
internal static class MediaOnAPage
{
    public static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });

    public static Task<bool> UploadAsync(PortalApplication app, string? key, byte[] bytes) => app.WithDbAsync(async (_, sp) =>
        (await sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(key, "terugkeer.jpg", bytes), Editor)).Result.Succeeded);

    public static Task<bool> AltAsync(PortalApplication app, string text) => app.WithDbAsync(async (_, sp) =>
        (await sp.GetRequiredService<AltTexts.Handler>().HandleAsync(new("terugkeer", "nl", text), Editor)).Succeeded);

    /// <summary>Uploads "terugkeer" with its Dutch alt text and publishes the Dutch privacy page showing it.</summary>
    public static async Task PublishAsync(PortalApplication app)
    {
        Assert.True(await UploadAsync(app, null, TestImages.Jpeg(900, 600)));
        Assert.True(await AltAsync(app, "Een gezin op het vliegveld"));
        await app.PublishAppendedAsync("privacy", "nl", "\n\n![[media:terugkeer]]", Editor);
    }

    public static Task<string> FingerprintAsync(PortalApplication app)
        => app.WithDbAsync((db, _) => db.MediaItems.Where(i => i.Key == "terugkeer").Select(i => i.CurrentRevision!.Sha256.Substring(0, 12)).SingleAsync());
}

/// <summary>Readers see a photo's new file or alt text on the pages that show it at once, without the text being published again.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaReadersSeeChangesTests : IDisposable
{
    private readonly PortalApplication _app = new();

    [Fact]
    public async Task ReplacingTheFileOrChangingTheAltTextShowsOnThePublishedPageAndInTheApiAtOnce()
    {
        await MediaOnAPage.PublishAsync(_app);
        using var reader = _app.CreateReaderClient();
        var first = await MediaOnAPage.FingerprintAsync(_app);
        var page = await reader.GetStringAsync("/nl/privacy"); // now in the output cache
        Assert.Contains($"/media/terugkeer/{first}-640.jpg", page);
        Assert.Contains("alt=\"Een gezin op het vliegveld\"", page);

        Assert.True(await MediaOnAPage.UploadAsync(_app, "terugkeer", TestImages.Png(700, 500)));
        var second = await MediaOnAPage.FingerprintAsync(_app);
        page = await reader.GetStringAsync("/nl/privacy");
        Assert.Contains($"/media/terugkeer/{second}-640.jpg", page);
        Assert.DoesNotContain(first, page);
        Assert.Contains("width=\"640\" height=\"457\"", page); // the new file's proportions: 700 × 500, at most 640 px copies
        Assert.Contains(second, await reader.GetStringAsync("/api/v1/nl/pages/privacy"));

        Assert.True(await MediaOnAPage.AltAsync(_app, "Een gezin komt aan op het vliegveld"));
        Assert.Contains("alt=\"Een gezin komt aan op het vliegveld\"", await reader.GetStringAsync("/nl/privacy"));
        // The text's own revision is the same: nothing was published, only its HTML rendered again.
        Assert.Equal(1, await _app.WithDbAsync((db, _) => db.ContentPublications.CountAsync(p => p.Translation.Item.Key == "privacy" && p.Translation.Culture == "nl" && p.By == MediaOnAPage.Editor.Name)));
    }

    public void Dispose() => _app.Dispose();
}

/// <summary>With several nodes, the node that did not make the change evicts its cached page through the same NOTIFY as a publish.</summary>
// PostgreSQL only: the nodes hear each other through LISTEN/NOTIFY; SQLite serves one node.
[Trait(TestDatabase.Trait, TestDatabase.PostgreSqlOnly)]
public sealed class MediaReadersSeeChangesOnEveryNodeTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _nodeA;
    private readonly ClockedPortalApplication _nodeB;

    public MediaReadersSeeChangesOnEveryNodeTests()
    {
        _nodeA = new ClockedPortalApplication(_clock);
        _ = _nodeA.Services;
        _nodeB = new ClockedPortalApplication(_clock, _nodeA.ConnectionString);
    }

    [PostgreSqlFact]
    public async Task AFileReplacedOnOneNodeShowsOnTheOtherNodesPageWithinOneSecond()
    {
        await MediaOnAPage.PublishAsync(_nodeA);
        using var readerB = _nodeB.CreateReaderClient();
        var first = await MediaOnAPage.FingerprintAsync(_nodeA);
        Assert.Contains(first, await readerB.GetStringAsync("/nl/privacy")); // now in B's cache
        await _nodeB.Services.GetRequiredService<ReaderCacheListener>().Listening.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(await MediaOnAPage.UploadAsync(_nodeA, "terugkeer", TestImages.Webp(640, 480)));
        var second = await MediaOnAPage.FingerprintAsync(_nodeA);

        var watch = Stopwatch.StartNew();
        string page;
        do page = await readerB.GetStringAsync("/nl/privacy");
        while (!page.Contains(second) && watch.Elapsed < TimeSpan.FromSeconds(1));
        Assert.True(page.Contains(second), $"node B still served the old photo after {watch.ElapsedMilliseconds} ms");
    }

    public void Dispose()
    {
        _nodeB.Dispose();
        _nodeA.Dispose();
    }
}
