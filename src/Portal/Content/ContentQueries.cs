using Microsoft.EntityFrameworkCore;

namespace Portal.Content;

/// <summary>The reader side's filters over translations; composable, translated to one SQL command each.</summary>
public static class ContentQueries
{
    public static IQueryable<ContentTranslation> Published(this IQueryable<ContentTranslation> q)
        => q.Where(t => t.PublishedRevisionId != null);

    /// <summary>The reader's culture plus the source culture it falls back to.</summary>
    public static IQueryable<ContentTranslation> InCulture(this IQueryable<ContentTranslation> q, string culture, string sourceCulture)
        => q.Where(t => t.Culture == culture || t.Culture == sourceCulture);

    public static IQueryable<ContentTranslation> OfKind(this IQueryable<ContentTranslation> q, ContentKind kind)
        => q.Where(t => t.Kind == kind);

    /// <summary>Every translation of the item that has this slug in one of the given cultures (the language switcher needs all of them).</summary>
    public static IQueryable<ContentTranslation> OfItemWithSlug(this IQueryable<ContentTranslation> q, ContentKind kind, string slug, string culture, string sourceCulture)
        => q.Where(t => t.Item.Translations.Any(x => x.Kind == kind && x.Slug == slug && (x.Culture == culture || x.Culture == sourceCulture)));

    public static IQueryable<PublishedText> SelectText(this IQueryable<ContentTranslation> q)
        => q.AsNoTracking().Select(t => new PublishedText(
            t.ContentItemId,
            t.Kind,
            t.Item.Key,
            t.Item.CountryCode,
            t.Item.SortOrder,
            t.Culture,
            t.Slug,
            t.PublishedRevision!.Number,
            t.PublishedRevision.Title,
            t.PublishedRevision.Summary,
            t.PublishedRevision.BodyHtml,
            t.PublishedRevision.Outline,
            t.PublishedRevision.Fields,
            t.PublishedRevision.UpdatedOn,
            t.PublishedRevision.ReviewedOn,
            t.PublishedRevision.HumanReviewed,
            t.PublishedRevision.SourceRevision == null ? null : t.PublishedRevision.SourceRevision.Number,
            t.PublishedRevision.SourceRevision == null ? null : t.PublishedRevision.SourceRevision.Fields,
            t.Revisions.Where(r => r.IsMajor && r.Number <= t.PublishedRevision.Number).Max(r => (int?)r.Number) ?? 0,
            t.PublishedAt,
            t.PublishedRevision.SourceRevisionId != null ? t.PublishedRevision.ChangeNote
                : t.Revisions.Where(r => r.IsMajor && r.Number <= t.PublishedRevision.Number).OrderByDescending(r => r.Number).Select(r => r.ChangeNote).FirstOrDefault()));

    public static IQueryable<PublishedSummary> SelectSummary(this IQueryable<ContentTranslation> q)
        => q.AsNoTracking().Select(t => new PublishedSummary(
            t.ContentItemId,
            t.Kind,
            t.Item.Key,
            t.Item.CountryCode,
            t.Item.SortOrder,
            t.Culture,
            t.Slug,
            t.PublishedRevision!.Title,
            t.PublishedRevision.Summary,
            t.PublishedRevision.Fields,
            t.PublishedRevision.UpdatedOn,
            t.PublishedRevision.HumanReviewed,
            t.PublishedRevision.SourceRevision == null ? null : t.PublishedRevision.SourceRevision.Number,
            t.PublishedRevision.SourceRevision == null ? null : t.PublishedRevision.SourceRevision.Fields,
            t.Revisions.Where(r => r.IsMajor && r.Number <= t.PublishedRevision.Number).Max(r => (int?)r.Number) ?? 0,
            t.PublishedAt));

    /// <summary>Slug of an item per culture, for the language switcher, hreflang and sitemap; titles not needed.</summary>
    public static IQueryable<ContentLink> SelectLink(this IQueryable<ContentTranslation> q)
        => q.AsNoTracking().Select(t => new ContentLink(t.ContentItemId, t.Kind, t.Item.CountryCode, t.Culture, t.Slug));
}

public sealed record ContentLink(int ItemId, ContentKind Kind, string? CountryCode, string Culture, string Slug);
