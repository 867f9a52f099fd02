using System.Buffers.Binary;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Content;
using Portal.Data;
using Portal.Localization;

namespace Portal.Api;

/// <summary>
/// GET /api/v1/changes?since=cursor: what was published, updated or withdrawn after a cursor, oldest first, so a mirror
/// or an offline app syncs incrementally. It reads the append-only ContentPublications log, whose Id orders every event.
/// </summary>
public static class ChangeFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapChangeFeed(this RouteGroupBuilder api)
    {
        api.MapMethods("/changes", ContentApi.ReadMethods, GetChangesAsync).AsRead().WithTags("Changes").WithName("ListChanges")
            .WithSummary("Changes since a cursor")
            .WithDescription("Every publication event after the cursor, oldest first: published (visible for the first time, or again), "
                + "updated (a new revision replaced the published one) or unpublished (withdrawn; that language then falls back to the source text). "
                + "Start without since; then pass the returned next cursor. While hasMore is true, ask again at once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Results<Ok<ChangeListDto>, ProblemHttpResult>> GetChangesAsync(
        [Description("The next cursor of an earlier answer; leave out to start from the first publication.")] string? since,
        [Description("At most this many changes (1–500, default 100).")] string? limit,
        PortalDbContext db, PortalCultures cultures, CancellationToken ct)
    {
        long after = 0;
        if (since is not null && !Cursor.TryParse(since, out after))
            return BadParameter("since", "This is not a cursor this API gave out. Start again without since.");
        if (!ListPaging.TryLimit(limit, DefaultLimit, MaxLimit, out var take))
            return BadParameter("limit", $"limit must be a whole number from 1 to {MaxLimit}.");

        // The cursor's own row comes back first: it proves the cursor points at a real event of this database.
        var rows = await Rows(db, db.ContentPublications.Where(p => p.Id >= after).OrderBy(p => p.Id).Take(take + 2), cultures.Source)
            .ToListAsync(ct);
        if (after > 0)
        {
            if (rows.Count == 0 || rows[0].Id != after)
                return BadParameter("since", "This cursor does not point at a change of this portal. Start again without since.");
            rows.RemoveAt(0);
        }

        var page = rows.Take(take).ToList();
        var changes = page.Select(ToDto).ToList();
        var next = Cursor.Format(page.Count > 0 ? page[^1].Id : after);
        return TypedResults.Ok(new ChangeListDto(changes, next, rows.Count > take, page.Count > 0 ? page.Max(r => r.At) : null));
    }

    /// <summary>
    /// The feed's event for each publication, in one SQL command; also what a webhook delivers
    /// (<see cref="Webhooks.WebhookDispatcher"/>), so a partner reads one shape from both.
    /// </summary>
    internal static IQueryable<Row> Rows(PortalDbContext db, IQueryable<ContentPublication> publications, string source)
        => publications.AsNoTracking()
            .Select(p => new Row(
                p.Id, p.Action, p.At, p.Translation.Kind, p.Translation.Item.Key, p.Translation.Culture, p.Translation.Slug,
                // An unpublish row keeps the revision that was withdrawn, for the audit; the feed reports no revision for it.
                p.Action == PublicationAction.Unpublished || p.Revision == null ? null : p.Revision.Number,
                p.Action != PublicationAction.Unpublished && p.Revision != null && p.Revision.IsMajor,
                db.ContentPublications.Where(q => q.TranslationId == p.TranslationId && q.Id < p.Id)
                    .OrderByDescending(q => q.Id).Select(q => (PublicationAction?)q.Action).FirstOrDefault(),
                p.Translation.Kind != ContentKind.SafetyAssessment ? null : db.ContentTranslations
                    .Where(g => g.Kind == ContentKind.CountryGuide && g.Item.CountryCode == p.Translation.Item.CountryCode
                        && (g.Culture == p.Translation.Culture || g.Culture == source))
                    .OrderBy(g => g.Culture == p.Translation.Culture ? 0 : 1).Select(g => g.Slug).FirstOrDefault()));

    internal static ChangeDto ToDto(Row r) => new(
        ActionOf(r.Action, r.Previous), r.Kind, r.Key, r.Culture, r.Slug, r.Revision, r.Major, r.At,
        new RefLinksDto(ApiUrls.For(r.Kind, r.Culture, r.Slug, r.GuideSlug), ReaderUrls.For(r.Kind, r.Culture, r.Slug, r.GuideSlug)));

    /// <summary>A publication after a publication of the same text is an update; after none, or after a withdrawal, it is (again) a publication.</summary>
    internal static ChangeAction ActionOf(PublicationAction action, PublicationAction? previous)
        => action == PublicationAction.Unpublished ? ChangeAction.Unpublished
            : previous == PublicationAction.Published ? ChangeAction.Updated : ChangeAction.Published;

    internal static ProblemHttpResult BadParameter(string name, string detail)
        => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Bad parameter '{name}'", detail: detail,
            extensions: new Dictionary<string, object?> { ["parameter"] = name });

    internal sealed record Row(
        long Id, PublicationAction Action, DateTimeOffset At, ContentKind Kind, string Key, string Culture, string Slug,
        int? Revision, bool Major, PublicationAction? Previous, string? GuideSlug);

    /// <summary>A publication Id, opaque to clients, in a <see cref="SealedCursor"/>.</summary>
    internal static class Cursor
    {
        private const byte Version = 1;

        public static string Format(long id)
        {
            Span<byte> payload = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(payload, id);
            return SealedCursor.Seal(Version, payload);
        }

        public static bool TryParse(string value, out long id)
        {
            id = 0;
            if (!SealedCursor.TryOpen(value, Version, out var payload) || payload.Length != 8) return false;
            id = BinaryPrimitives.ReadInt64BigEndian(payload);
            return id >= 0;
        }
    }
}
