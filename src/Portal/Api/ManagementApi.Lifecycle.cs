using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;

namespace Portal.Api;

/// <summary>
/// /api/v1/manage/items/{kind}/{key}: a whole item across its languages: rename, retire, restore, delete a never-published
/// draft. The same commands as the workspace's Manage page, with the token owner as the actor (editors and administrators).
/// An item has no version of its own, so these need no If-Match: each is refused when the item is not in the state it needs.
/// </summary>
public static partial class ManagementApi
{
    private static void MapItemLifecycle(IEndpointRouteBuilder app)
    {
        var item = Group(app, "/items/{kind}/{key}", "Items");

        item.MapGet("", GetItemAsync).WithName("GetItem")
            .WithSummary("An item across its languages")
            .WithDescription("Its slug and state per language, the old slugs that redirect to it, and whether it is retired.")
            .Produces<ManagedItemDto>();
        item.MapPost("/rename", RenameAsync).WithName("RenameItem")
            .WithSummary("Give texts new slugs")
            .WithDescription("JSON body {\"slugs\": {\"nl\": \"new-slug\", \"en\": \"new-slug\"}}. Each old address, on the reader site and in "
                + "the delivery API, answers 301 to the new one from then on, and no other item may take the old slug.")
            .Accepts<RenameRequest>("application/json")
            .Produces<ManagedItemDto>().ProducesItemChange().ProducesProblem(StatusCodes.Status400BadRequest);
        item.MapPost("/retire", RetireAsync).WithName("RetireItem")
            .WithSummary("Take the item off the reader site in every language")
            .WithDescription("JSON body {\"reason\": \"…\"} (required). Every published text is unpublished at once and pending schedules are "
                + "cancelled; its addresses answer 410 Gone. Revisions and history stay.")
            .Accepts<RetireRequest>("application/json")
            .Produces<ManagedItemDto>().ProducesItemChange().ProducesProblem(StatusCodes.Status400BadRequest);
        item.MapPost("/restore", RestoreAsync).WithName("RestoreItem")
            .WithSummary("Bring a retired item back")
            .WithDescription("Publishes again, in every language, the revision readers had when it was retired; later drafts stay drafts.")
            .Produces<ManagedItemDto>().ProducesItemChange();
        item.MapDelete("", DeleteAsync).WithName("DeleteItem")
            .WithSummary("Delete an item that was never published")
            .WithDescription("Only when no text of it was ever published in any language; anything once published is retired instead.")
            .Produces(StatusCodes.Status204NoContent).ProducesItemChange();
    }

    /// <summary>The refusals of <see cref="ItemAnswerAsync"/>: not in the state the command needs (422), a text changed meanwhile (409).</summary>
    private static RouteHandlerBuilder ProducesItemChange(this RouteHandlerBuilder b) => b
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> GetItemAsync(string kind, string key, PortalDbContext db, CancellationToken ct)
        => await FindItemAsync(kind, key, db, ct) is { } item ? await ItemAsync(item.Id, db, ct) : ItemNotFound(kind, key);

    private static async Task<IResult> RenameAsync(string kind, string key, HttpContext http, PortalDbContext db, Rename.Handler handler, CancellationToken ct)
    {
        if (await FindItemAsync(kind, key, db, ct) is not { } item) return ItemNotFound(kind, key);
        var (request, invalid) = await ReadAsync<RenameRequest>(http, ct);
        if (invalid is not null) return invalid;
        if (request?.Slugs is not { Count: > 0 } slugs)
            return Problem(StatusCodes.Status400BadRequest, "Slugs required", "Send {\"slugs\": {\"nl\": \"new-slug\"}}: language code → new slug.");
        return await ItemAnswerAsync(await handler.HandleAsync(new Rename.Command(item.Id, slugs), Actor.From(http.User), ct), item.Id, http, db, ct);
    }

    private static async Task<IResult> RetireAsync(string kind, string key, HttpContext http, PortalDbContext db, Retire.Handler handler, CancellationToken ct)
    {
        if (await FindItemAsync(kind, key, db, ct) is not { } item) return ItemNotFound(kind, key);
        var (request, invalid) = await ReadAsync<RetireRequest>(http, ct);
        if (invalid is not null) return invalid;
        return await ItemAnswerAsync(await handler.HandleAsync(new Retire.Command(item.Id, request?.Reason), Actor.From(http.User), ct), item.Id, http, db, ct);
    }

    private static async Task<IResult> RestoreAsync(string kind, string key, HttpContext http, PortalDbContext db, RestoreRetired.Handler handler, CancellationToken ct)
    {
        if (await FindItemAsync(kind, key, db, ct) is not { } item) return ItemNotFound(kind, key);
        return await ItemAnswerAsync(await handler.HandleAsync(new RestoreRetired.Command(item.Id), Actor.From(http.User), ct), item.Id, http, db, ct);
    }

    private static async Task<IResult> DeleteAsync(string kind, string key, HttpContext http, PortalDbContext db, DeleteItem.Handler handler, CancellationToken ct)
    {
        if (await FindItemAsync(kind, key, db, ct) is not { } item) return ItemNotFound(kind, key);
        var result = await handler.HandleAsync(new DeleteItem.Command(item.Id), Actor.From(http.User), ct);
        return result.Succeeded ? TypedResults.NoContent() : await ItemAnswerAsync(result, item.Id, http, db, ct);
    }

    private static Task<ContentItem?> FindItemAsync(string kind, string key, PortalDbContext db, CancellationToken ct)
        => ContentKinds.TryParse(kind, out var k)
            ? db.ContentItems.AsNoTracking().SingleOrDefaultAsync(i => i.Kind == k && i.Key == key, ct)
            : Task.FromResult<ContentItem?>(null);

    private static async Task<IResult> ItemAnswerAsync(EditResult result, int itemId, HttpContext http, PortalDbContext db, CancellationToken ct) => result.Outcome switch
    {
        EditOutcome.Ok => await ItemAsync(itemId, db, ct),
        EditOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", English(http, result)),
        EditOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", English(http, result)),
        EditOutcome.Conflict => Problem(StatusCodes.Status409Conflict, "Changed meanwhile", "A text of this item changed while this ran; nothing was written. Try again."),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, "Not accepted", English(http, result)),
    };

    private static async Task<IResult> ItemAsync(int itemId, PortalDbContext db, CancellationToken ct)
    {
        var item = await db.ContentItems.AsNoTracking().Include(i => i.Translations).SingleAsync(i => i.Id == itemId, ct);
        var old = await db.ContentOldSlugs.AsNoTracking().Where(o => o.ContentItemId == itemId).OrderBy(o => o.Id).ToListAsync(ct);
        var texts = item.Translations.OrderBy(t => t.Culture, StringComparer.Ordinal)
            .Select(t => new ManagedItemTextDto(t.Culture, t.Slug, StateName(t.State), old.Where(o => o.Culture == t.Culture).Select(o => o.Slug).ToList()))
            .ToList();
        var retired = item.RetiredAt is { } at ? new RetiredDto(at, item.RetiredBy ?? "", item.RetiredReason ?? "") : null;
        return TypedResults.Ok(new ManagedItemDto(item.Id, item.Kind.ToKebab(), item.Key, retired, texts));
    }

    private static ProblemHttpResult ItemNotFound(string kind, string key)
        => Problem(StatusCodes.Status404NotFound, "Not found", $"No {kind} with key '{key}'. Kinds: {ContentKinds.Names}.");
}
