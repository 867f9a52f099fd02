using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Content.Import;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The media checks run on every path that makes a revision live, not only the workspace's Publish button: an image
/// without its Dutch alt text, a retired or unknown one, or a story's photo without photo consent never reach readers.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaPublishChecksTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ClockedPortalApplication _app;
    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });
    private static readonly Actor Reviewer = new("reviewer@example.org", new HashSet<string> { Roles.SafetyReviewer });

    public MediaPublishChecksTests() => _app = new ClockedPortalApplication(_clock);

    private async Task PhotoAsync(string name, string? alt)
    {
        var (result, key) = await _app.WithDbAsync((_, sp) => sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(null, name, TestImages.Jpeg(800, 600)), Editor));
        Assert.True(result.Succeeded, result.Message);
        if (alt is not null) Assert.True((await _app.WithDbAsync((_, sp) => sp.GetRequiredService<AltTexts.Handler>().HandleAsync(new(key!, "nl", alt), Editor))).Succeeded);
    }

    private Task<(int Translation, int Revision)> DraftAsync(string key, string append, Func<ContentFields?, ContentFields?>? fields = null)
        => _app.AppendAsync(key, "nl", append, Editor, fields);

    private Task<EditResult> PublishAsync((int Translation, int Revision) draft)
        => _app.WithDbAsync((_, sp) => sp.GetRequiredService<Publish.Handler>().HandleAsync(new(draft.Translation, draft.Revision), Editor));

    private Task<string?> PublishedBodyAsync(string key) => _app.WithDbAsync((db, _) =>
        db.ContentTranslations.Where(t => t.Item.Key == key && t.Culture == "nl").Select(t => t.PublishedRevision!.BodyMarkdown).SingleAsync())!;

    [Fact]
    public async Task AStoryShowsAPhotoOnlyWhenItsConsentCoversAPhotoOnEveryPublishPath()
    {
        await PhotoAsync("mazan-thuis.jpg", "Mazan thuis");
        var draft = await DraftAsync("mazan", "\n\n![[media:mazan-thuis]]");

        var refused = await PublishAsync(draft);
        Assert.Equal((EditOutcome.Invalid, "editor.media.story-photo-consent"), (refused.Outcome, refused.Message));
        Assert.Equal(["mazan-thuis"], refused.Arguments);
        var scheduled = await _app.WithDbAsync((_, sp) => sp.GetRequiredService<Schedule.Handler>().HandleAsync(new(draft.Translation, draft.Revision, _clock.GetUtcNow().AddHours(1)), Editor));
        Assert.Equal("editor.media.story-photo-consent", scheduled.Message);
        Assert.DoesNotContain("![[media:", await PublishedBodyAsync("mazan"));

        // Once the consent on record covers a photo, the same body goes live.
        var covered = await DraftAsync("mazan", "\n\n![[media:mazan-thuis]]", f => f is StoryFields s ? s with { Consent = s.Consent with { Covers = s.Consent.Covers! with { Photo = true } } } : f);
        var published = await PublishAsync(covered);
        Assert.True(published.Succeeded, published.Message);
        Assert.Contains("![[media:mazan-thuis]]", await PublishedBodyAsync("mazan"));
    }

    [Fact]
    public async Task TheSchedulerSkipsARevisionWhoseImageWasRetiredAfterItWasScheduledAndApproveRefusesOne()
    {
        await PhotoAsync("kaart.jpg", "Kaart");
        await PhotoAsync("grens.jpg", "Grensovergang");
        var page = await DraftAsync("privacy", "\n\n![[media:kaart]]");
        var scheduled = await _app.WithDbAsync((_, sp) => sp.GetRequiredService<Schedule.Handler>().HandleAsync(new(page.Translation, page.Revision, _clock.GetUtcNow().AddHours(1)), Editor));
        Assert.True(scheduled.Succeeded, scheduled.Message);

        // A safety change waiting for a second person, whose body shows a photo.
        var safety = await DraftAsync("guinea-safety", "\n\n![[media:grens]]", f => f is SafetyFields s ? s with { Legal = s.Legal with { Level = SafetyLevel.High } } : f);
        Assert.Equal(EditOutcome.AwaitingApproval, (await PublishAsync(safety)).Outcome);

        // Nothing published shows them yet, so both can be retired meanwhile.
        foreach (var key in new[] { "kaart", "grens" })
            Assert.True((await _app.WithDbAsync((_, sp) => sp.GetRequiredService<RetireMedia.Handler>().HandleAsync(new(key), Editor))).Succeeded);

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await _app.Services.GetRequiredService<ScheduledPublisher>().RunOnceAsync());
        Assert.DoesNotContain("![[media:kaart]]", await PublishedBodyAsync("privacy"));

        var approve = await _app.WithDbAsync((_, sp) => sp.GetRequiredService<ApproveSafety.Handler>().HandleAsync(new(safety.Revision), Reviewer));
        Assert.Equal(("editor.media.unknown-key", "grens"), (approve.Message, approve.Arguments![0]));
        Assert.False(await _app.WithDbAsync((db, _) => db.SafetyReviews.AnyAsync(r => r.RevisionId == safety.Revision)));
        Assert.DoesNotContain("![[media:grens]]", await PublishedBodyAsync("guinea-safety"));
    }

    [Fact]
    public async Task ImportRefusesToPublishAFileWhoseBodyNamesAnImageTheLibraryDoesNotHave()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-media-checks-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "pages"));
            var page = (await File.ReadAllTextAsync(Path.Combine(RepoPaths.Content, "pages", "privacy.nl.md"))) + "\n![[media:nergens]]\n";
            await File.WriteAllTextAsync(Path.Combine(folder, "pages", "privacy.nl.md"), page);
            var read = _app.Services.GetRequiredService<ContentValidator>().Validate(folder);
            Assert.Empty(read.Problems);

            var failed = await Assert.ThrowsAsync<ContentImportException>(() => _app.WithDbAsync((_, sp) => sp.GetRequiredService<ContentImporter>().ImportAsync(read.Files, read.Media)));
            var problem = Assert.Single(failed.Problems);
            Assert.Contains("There is no media item with the key \"nergens\"", problem.Message);
            Assert.DoesNotContain("nergens", await PublishedBodyAsync("privacy"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => _app.Dispose();
}
