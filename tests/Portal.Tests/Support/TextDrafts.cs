using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;

namespace Portal.Tests.Support;

/// <summary>A new draft of a text with something added to its body, through the workspace's SaveDraft (and Publish).</summary>
internal static class TextDrafts
{
    /// <returns>The translation's id and the new revision's.</returns>
    public static Task<(int Translation, int Revision)> AppendAsync(this PortalApplication app, string key, string culture, string append, Actor actor,
        Func<ContentFields?, ContentFields?>? fields = null) => app.WithDbAsync(async (db, sp) =>
    {
        var t = await db.ContentTranslations.AsNoTracking().Include(x => x.DraftRevision).SingleAsync(x => x.Item.Key == key && x.Culture == culture);
        var r = t.DraftRevision!;
        var saved = await sp.GetRequiredService<SaveDraft.Handler>().HandleAsync(new(t.ContentItemId, culture, t.Version, r.Title, r.Summary,
            r.BodyMarkdown + append, fields is null ? r.Fields : fields(r.Fields), false, null, r.SourceRevisionId, r.HumanReviewed), actor);
        Assert.True(saved.Succeeded, saved.Message);
        return (t.Id, saved.RevisionId!.Value);
    });

    public static async Task PublishAppendedAsync(this PortalApplication app, string key, string culture, string append, Actor actor)
    {
        var (translation, revision) = await app.AppendAsync(key, culture, append, actor);
        var published = await app.WithDbAsync((_, sp) => sp.GetRequiredService<Publish.Handler>().HandleAsync(new(translation, revision), actor));
        Assert.True(published.Succeeded, published.Message);
    }
}
