using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Content.Reading;

/// <summary>
/// A list as readers get it: one text per item, in the reader's culture or the source (<see cref="Localized.PickAll"/>),
/// in the items' order. <see cref="Versions"/> holds every published language version of the items when the caller
/// renders them (the API's alternates per item; a reader's list page exists in every language and asks for none);
/// <see cref="Newest"/> is the newest publication among the texts read, whether listed or not.
/// </summary>
public sealed record Listing<T>(IReadOnlyList<Localized<T>> Items, IReadOnlyList<ContentLink> Versions, DateTimeOffset? Newest) where T : IPublishedText
{
    public IReadOnlyList<ContentLink> VersionsOf(Localized<T> item) => Versions.Where(v => v.ItemId == item.Text.ItemId).ToList();
}

public static class Listing
{
    /// <summary>
    /// The list of one kind that the per-kind reads share: one SQL command for the texts in the two cultures, one more
    /// for the language versions when <paramref name="withVersions"/>; <paramref name="keep"/> says which items readers may see.
    /// </summary>
    internal static async Task<Listing<T>> ReadAsync<T>(
        PortalDbContext db, ContentKind kind, string culture, string sourceCulture, bool withVersions,
        Func<IQueryable<ContentTranslation>, IQueryable<T>> select, Func<Localized<T>, bool> keep, CancellationToken ct) where T : IPublishedText
    {
        var published = db.ContentTranslations.Published().OfKind(kind);
        var texts = await select(published.InCulture(culture, sourceCulture)).ToListAsync(ct);
        var versions = withVersions ? await published.SelectLink().ToListAsync(ct) : [];
        return new Listing<T>(Localized.PickAll(texts, culture, sourceCulture).Where(keep).ToList(), versions, texts.Max(t => t.PublishedAt));
    }
}
