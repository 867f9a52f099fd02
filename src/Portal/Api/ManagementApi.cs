using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Accounts;
using Portal.Audit;
using Portal.Content;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Localization;

namespace Portal.Api;

/// <summary>
/// /api/v1/manage: what the editor workspace does, for scripts, with a personal access token. Every change goes through
/// the workspace's own commands (SaveDraft, Publish, Schedule, Unpublish) with the token owner as the actor, so roles, the
/// two-person rule, no lost update, audit entries and cache eviction are exactly the workspace's. The translation's
/// Version is the ETag (<c>"v&lt;version&gt;"</c>); every change needs it as If-Match. Never cached, not open cross-origin.
/// <c>POST /items/{kind}</c> creates an item as the workspace's "new" does; approving a safety-level change stays a person's act in the workspace.
/// Whole items are renamed, retired, restored or deleted in ManagementApi.Lifecycle.cs.
/// </summary>
public static partial class ManagementApi
{
    public const string DocumentName = "manage";
    public const string Base = ApiUrls.Base + "/manage";

    public static string Text(ContentKind kind, string key, string culture) => $"{Base}/items/{kind.ToKebab()}/{key}/{culture}";

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        var items = Group(app, "/items", "Items");

        items.MapPost("/{kind}", CreateAsync).WithName("CreateItem")
            .WithSummary("Create an item")
            .WithDescription("A new support-point, story, page or country-guide, saved as the first draft revision of the source language "
                + "(nothing readers see changes until it is published). A country-guide creates its safety assessment too (key <key>-safety), "
                + "every level at individual; publishing that needs a Safety reviewer's sign-off. 201 with the new text and its ETag.")
            .Accepts<CreateRequest>("application/json")
            .Produces<ManagedTextDto>(StatusCodes.Status201Created).WithMetadata(TextVersion.Read)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var text = Group(app, "/items/{kind}/{key}/{culture}", "Texts");

        text.MapGet("", GetAsync).WithName("GetText")
            .WithSummary("A text in one language")
            .WithDescription("Its draft and published revisions and its version; the ETag header is the version to send as If-Match. "
                + "A language without a text yet answers with state \"missing\" and version 0.")
            .Produces<ManagedTextDto>().WithMetadata(TextVersion.Read);
        text.MapPut("/draft", SaveDraftAsync).WithName("SaveDraft")
            .WithSummary("Save a new draft revision")
            .WithDescription("Needs If-Match. A new, immutable revision; nothing readers see changes until it is published.")
            .Accepts<DraftRequest>("application/json")
            .ProducesChange();
        text.MapPost("/publish", PublishAsync).WithName("Publish")
            .WithSummary("Publish a revision")
            .WithDescription("Needs If-Match. Optional JSON body {\"revisionId\": n}, default the current draft. "
                + "Readers and the delivery API see it on the next request. "
                + "A safety-level change answers 202 and waits for a Safety reviewer's approval in the workspace.")
            .WithMetadata(new OptionalBody(typeof(PublishRequest))).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesChange().Produces<AwaitingApprovalDto>(StatusCodes.Status202Accepted);
        text.MapPost("/schedule", ScheduleAsync).WithName("Schedule")
            .WithSummary("Publish a revision at a set time")
            .WithDescription("Needs If-Match. Published within a minute of that time, under the same rules as publishing now.")
            .Accepts<ScheduleRequest>("application/json")
            .ProducesChange();
        text.MapPost("/unpublish", UnpublishAsync).WithName("Unpublish")
            .WithSummary("Take the text off the reader site")
            .WithDescription("Needs If-Match. Optional JSON body {\"reason\": \"…\"} for the audit log. "
                + "Its revisions stay; readers get the source text or a 404.")
            .WithMetadata(new OptionalBody(typeof(UnpublishRequest))).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesChange();

        MapItemLifecycle(app);
        MapMedia(app);

        // Anything else under /api/v1/manage (an unknown path, or a body without its JSON content type): problem details
        // that point at this API's own document, not the delivery API's "read-only" answer.
        // A RequestDelegate, not a Delegate: the request delegate generator drops a fallback's pattern (aspnetcore#65992),
        // which turned both API fallbacks into {*path:nonfile}.
        app.MapFallback(Base + "/{*path}", http => Problem(StatusCodes.Status404NotFound, "No such endpoint",
                "The management endpoints are listed in /openapi/manage.json; request bodies are application/json.").ExecuteAsync(http))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A group of management endpoints: in its own document, token only, never cached, audited with the token.</summary>
    private static RouteGroupBuilder Group(IEndpointRouteBuilder app, string pattern, string tag)
    {
        var group = app.MapGroup(Base + pattern)
            .WithGroupName(DocumentName)
            .WithTags(tag)
            .RequireAuthorization(Policies.ManagementApi)
            .AddEndpointFilter(NoStoreAndVia);
        group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Never cached; every audit entry of the request says which token it came through.</summary>
    private static async ValueTask<object?> NoStoreAndVia(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        var prefix = http.User.FindFirstValue(AccessTokenAuthenticationHandler.PrefixClaim);
        http.RequestServices.GetRequiredService<AuditLog>().Via = $"API token {prefix}";
        return await next(context);
    }

    /// <summary>
    /// A change of one text: answers with the text as it is now (and its new ETag), needs If-Match
    /// (<see cref="TextVersion"/>, which the document declares as a required header), refuses with these.
    /// </summary>
    private static RouteHandlerBuilder ProducesChange(this RouteHandlerBuilder b) => b
        .WithMetadata(TextVersion.Change)
        .Produces<ManagedTextDto>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private sealed record Target(ContentItem Item, string Culture, bool IsSource, ContentTranslation? Translation);

    /// <summary>One change as its handler gets it: the text, the version If-Match named, the JSON body (null when empty), who.</summary>
    private sealed record Change<TRequest>(Target Target, int Expected, TRequest? Request, Actor Actor)
    {
        /// <summary>The text's translation, for the changes that need one to exist (all but a draft).</summary>
        public ContentTranslation Translation => Target.Translation!;
    }

    /// <summary>What a change handler comes back with: the command's result, or a refusal before the command ran.</summary>
    private readonly record struct Outcome(EditResult? Result, IResult? Refused)
    {
        public static implicit operator Outcome(EditResult result) => new(result, null);
        public static implicit operator Outcome(ProblemHttpResult refused) => new(null, refused);
    }

    private static async Task<IResult> GetAsync(string kind, string key, string culture, HttpContext http,
        PortalDbContext db, PortalOptions options, CancellationToken ct)
    {
        if (await FindAsync(kind, key, culture, db, options, ct) is not { } target) return NotFound(kind, key, culture);
        return await TextAsync(target, http, db, options, ct);
    }

    private static Task<IResult> SaveDraftAsync(string kind, string key, string culture, HttpContext http,
        PortalDbContext db, PortalOptions options, SaveDraft.Handler handler, CancellationToken ct)
        => ChangeAsync<DraftRequest>(kind, key, culture, http, db, options, textMustExist: false, async change =>
        {
            var (target, request) = (change.Target, change.Request);
            if (request is null)
                return Problem(StatusCodes.Status400BadRequest, "Body required",
                    "Send the draft as JSON: title, summary, body, and optionally fields, isMajor, changeNote.");

            var current = target.Translation?.DraftRevision ?? target.Translation?.PublishedRevision;
            int? sourceRevisionId = request.SourceRevisionId;
            ContentFields? sourceFields = null;
            if (!target.IsSource)
            {
                var source = await db.ContentTranslations.AsNoTracking()
                    .Where(t => t.ContentItemId == target.Item.Id && t.Culture == options.SourceCulture)
                    .Select(t => t.PublishedRevision).SingleOrDefaultAsync(ct);
                sourceRevisionId ??= source?.Id;
                sourceFields = source?.Fields;
            }

            // The fields' own rules are SaveDraft's (FieldValidation), the same as for the workspace form.
            var given = request.Fields ?? current?.Fields ?? sourceFields;
            var kindInfo = ContentKinds.Of(target.Item.Kind);
            if (given is not null && ContentKinds.OfFields(given) != target.Item.Kind)
                return Problem(StatusCodes.Status422UnprocessableEntity, "Wrong fields", $"A {kindInfo.Name} takes fields with \"$kind\": "
                    + $"\"{kindInfo.Name}\"{(kindInfo.FieldsType is null ? " (pages have none: send null)" : "")}.");

            var cmd = new SaveDraft.Command(target.Item.Id, target.Culture, change.Expected,
                request.Title ?? "", request.Summary ?? "", request.Body ?? "", given,
                request.IsMajor, request.ChangeNote, sourceRevisionId, request.HumanReviewed);
            return await handler.HandleAsync(cmd, change.Actor, ct);
        }, ct);

    private static async Task<IResult> CreateAsync(string kind, HttpContext http, PortalDbContext db, PortalOptions options,
        CreateItem.Handler handler, CancellationToken ct)
    {
        if (!ContentKinds.TryParse(kind, out var k) || k == ContentKind.SafetyAssessment)
            return Problem(StatusCodes.Status404NotFound, "Not found",
                $"Items are created as one of: country-guide (with its safety assessment), support-point, story, page; not '{kind}'.");
        var (request, invalid) = await ReadAsync<CreateRequest>(http, ct);
        if (invalid is not null) return invalid;
        if (request is null) return Problem(StatusCodes.Status400BadRequest, "Body required", "Send the new item as JSON: title, summary, body, fields.");
        var info = ContentKinds.Of(k);
        if ((request.Fields is not null && ContentKinds.OfFields(request.Fields) != k)
            || (request.Safety?.Fields is { } sf && sf is not SafetyFields))
            return Problem(StatusCodes.Status422UnprocessableEntity, "Wrong fields", $"A {info.Name} takes fields with \"$kind\": \"{info.Name}\".");

        var safety = request.Safety is { } s ? new CreateItem.Text(s.Title, s.Summary, s.Body, s.Fields) : null;
        var (result, itemId) = await handler.HandleAsync(
            new CreateItem.Command(k, request.Key, request.Slug, new(request.Title, request.Summary, request.Body, request.Fields), safety), Actor.From(http.User), ct);
        if (!result.Succeeded)
        {
            return result.Outcome == EditOutcome.Forbidden ? Problem(StatusCodes.Status403Forbidden, "Not allowed", English(http, result))
                : result.Errors.Count > 0 ? Invalid(result.Errors, http)
                : Problem(StatusCodes.Status422UnprocessableEntity, "Not accepted", English(http, result));
        }
        var item = await db.ContentItems.AsNoTracking().SingleAsync(i => i.Id == itemId, ct);
        var answer = await TextAsync(new Target(item, options.SourceCulture, true, null), http, db, options, ct);
        return answer is Ok<ManagedTextDto> ok ? TypedResults.Created(Text(k, item.Key, options.SourceCulture), ok.Value) : answer;
    }

    private static Task<IResult> PublishAsync(string kind, string key, string culture, HttpContext http,
        PortalDbContext db, PortalOptions options, Publish.Handler handler, CancellationToken ct)
        => ChangeAsync<PublishRequest>(kind, key, culture, http, db, options, textMustExist: true, async change =>
        {
            if ((change.Request?.RevisionId ?? change.Translation.DraftRevisionId) is not { } revisionId) return NothingToPublish();
            return await handler.HandleAsync(new Publish.Command(change.Translation.Id, revisionId, change.Expected), change.Actor, ct);
        }, ct);

    private static Task<IResult> ScheduleAsync(string kind, string key, string culture, HttpContext http,
        PortalDbContext db, PortalOptions options, Schedule.Handler handler, CancellationToken ct)
        => ChangeAsync<ScheduleRequest>(kind, key, culture, http, db, options, textMustExist: true, async change =>
        {
            var request = change.Request;
            if (request?.At is null || !WithOffset().IsMatch(request.At)
                || !DateTimeOffset.TryParse(request.At, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                return Problem(StatusCodes.Status400BadRequest, "Invalid time",
                    "\"at\" must be an ISO 8601 time with Z or an offset, e.g. 2026-12-01T09:00:00+01:00.");
            if ((request.RevisionId ?? change.Translation.DraftRevisionId) is not { } revisionId) return NothingToPublish();
            var cmd = new Schedule.Command(change.Translation.Id, revisionId, at.ToUniversalTime(), change.Expected);
            return await handler.HandleAsync(cmd, change.Actor, ct);
        }, ct);

    private static Task<IResult> UnpublishAsync(string kind, string key, string culture, HttpContext http,
        PortalDbContext db, PortalOptions options, Unpublish.Handler handler, CancellationToken ct)
        => ChangeAsync<UnpublishRequest>(kind, key, culture, http, db, options, textMustExist: true, async change =>
            await handler.HandleAsync(new Unpublish.Command(change.Translation.Id, change.Expected, change.Request?.Reason), change.Actor, ct), ct);

    /// <summary>
    /// What every change shares: find the text (404; all but a draft need it to exist already), check If-Match
    /// (<see cref="Precondition"/>), read the JSON body (<see cref="ReadAsync"/>), let <paramref name="handle"/> run its
    /// command, and answer with the text as it is now, or with the refusal.
    /// </summary>
    private static async Task<IResult> ChangeAsync<TRequest>(string kind, string key, string culture, HttpContext http,
        PortalDbContext db, PortalOptions options, bool textMustExist, Func<Change<TRequest>, Task<Outcome>> handle, CancellationToken ct)
        where TRequest : class
    {
        if (await FindAsync(kind, key, culture, db, options, ct) is not { } target || (textMustExist && target.Translation is null))
            return NotFound(kind, key, culture);
        var (refused, expected) = Precondition(http, target);
        if (refused is not null) return refused;
        var (request, invalid) = await ReadAsync<TRequest>(http, ct);
        if (invalid is not null) return invalid;
        var outcome = await handle(new Change<TRequest>(target, expected, request, Actor.From(http.User)));
        return outcome.Refused ?? await AnswerAsync(outcome.Result!, target, http, db, options, ct);
    }

    private static ProblemHttpResult NothingToPublish()
        => Problem(StatusCodes.Status422UnprocessableEntity, "Nothing to publish", "This text has no draft.");

    /// <summary>
    /// The JSON body, read here rather than bound, so a malformed one gets problem details (a binding failure would answer an
    /// empty 400) and publish/unpublish may come without any body at all. An empty body is null.
    /// </summary>
    private static async Task<(T? Body, IResult? Invalid)> ReadAsync<T>(HttpContext http, CancellationToken ct) where T : class
    {
        var length = http.Request.ContentLength;
        if (length == 0 || (length is null && !http.Request.Headers.ContainsKey(HeaderNames.TransferEncoding))) return (null, null);
        if (!http.Request.HasJsonContentType())
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "Send the body as application/json."));
        try
        {
            return (await http.Request.ReadFromJsonAsync<T>(StrictJson(http), ct), null);
        }
        catch (JsonException e)
        {
            var detail = e.Path is { Length: > 0 } path ? $"The body is not valid at {path}." : "The body is not valid JSON.";
            var at = e.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
            var message = e.Message switch
            {
                var m when m.Contains("uplicate", StringComparison.Ordinal) => "A key given twice.",
                var m when m.Contains("null", StringComparison.OrdinalIgnoreCase) => "May not be null: send a value (an empty list is [ ]).",
                var m when m.Contains("could not be converted", StringComparison.Ordinal) => "Not a valid value here (levels and other choices are names such as \"individual\", never numbers).",
                _ => "Not valid JSON here.",
            };
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [at] = [message] }, detail, title: "Invalid JSON"));
        }
        catch (NotSupportedException)
        {
            // Fields without "$kind" (first) cannot become a typed record.
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid JSON", "\"fields\" must start with \"$kind\", as GET returns them."));
        }
    }

    /// <summary>
    /// The API's own JSON options, stricter on reading: a key given twice or a null where a list or an object belongs is a
    /// 400 at its path, never a null deep in a command. (A missing value is FieldValidation's "required", at its path too.)
    /// </summary>
    private static JsonSerializerOptions StrictJson(HttpContext http) => _strictJson ??= new(
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)
    {
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
    };

    private static JsonSerializerOptions? _strictJson;

    private static async Task<Target?> FindAsync(string kind, string key, string culture,
        PortalDbContext db, PortalOptions options, CancellationToken ct)
    {
        if (!ContentKinds.TryParse(kind, out var k) || !options.Cultures.Contains(culture)) return null;
        var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(i => i.Kind == k && i.Key == key, ct);
        if (item is null) return null;
        var translation = await db.ContentTranslations.AsNoTracking().Include(t => t.DraftRevision).Include(t => t.PublishedRevision)
            .SingleOrDefaultAsync(t => t.ContentItemId == item.Id && t.Culture == culture, ct);
        return new Target(item, culture, culture == options.SourceCulture, translation);
    }

    /// <summary>
    /// If-Match is required (428 without it). The version it names goes to the command as its expected version, so the
    /// command itself refuses a stale one (412) after checking the actor's rights, exactly as for the workspace form. A tag
    /// that is not the current strong ETag can never match (-1); <c>*</c> (any current text) is honoured as RFC 9110 says.
    /// </summary>
    private static (IResult? Refused, int Expected) Precondition(HttpContext http, Target target)
    {
        var header = http.Request.Headers.IfMatch;
        if (header.Count == 0)
            return (Problem(StatusCodes.Status428PreconditionRequired, "If-Match required",
                "Send the ETag of the text you changed as If-Match (GET it first), so no one else's change is overwritten."), 0);
        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0)
            return (Problem(StatusCodes.Status400BadRequest, "Invalid If-Match", "If-Match must be an ETag such as \"v12\"."), 0);
        var current = target.Translation?.Version ?? 0;
        var matches = tags.Any(t => t.Equals(EntityTagHeaderValue.Any)
            ? target.Translation is not null
            : !t.IsWeak && t.Tag == ETag(current).Tag);
        return (null, matches ? current : -1);
    }

    private static async Task<IResult> AnswerAsync(EditResult result, Target target, HttpContext http,
        PortalDbContext db, PortalOptions options, CancellationToken ct) => result.Outcome switch
    {
        EditOutcome.Ok => await TextAsync(target, http, db, options, ct),
        EditOutcome.AwaitingApproval => TypedResults.Json(
            new AwaitingApprovalDto("awaiting-approval", English(http, result), await AwaitingRevisionAsync(target, db, ct)),
            statusCode: StatusCodes.Status202Accepted),
        EditOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", English(http, result)),
        EditOutcome.Unavailable => Unavailable(http, English(http, result)),
        EditOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", English(http, result)),
        EditOutcome.Conflict => Problem(StatusCodes.Status412PreconditionFailed, "Changed since you read it",
            $"If-Match does not name the current version of this text (ETag {ETag(await CurrentVersionAsync(target, db, ct))}): "
            + "someone changed it after you read it. Nothing was written: GET it again and merge."),
        _ when result.Errors.Count > 0 => Invalid(result.Errors, http),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, "Not accepted", English(http, result)),
    };

    /// <summary>400 problem details whose <c>errors</c> name each value by its JSON path, in English.</summary>
    private static ValidationProblem Invalid(IReadOnlyList<FieldError> errors, HttpContext http)
    {
        var strings = http.RequestServices.GetService<Microsoft.Extensions.Localization.IStringLocalizerFactory>();
        return TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.English(strings)).ToArray()),
            "Nothing was saved: each value under errors, by its JSON path, says what is wrong.", title: "Invalid values");
    }

    /// <summary>Scripts read the workspace's messages in English, whatever Accept-Language says.</summary>
    private static string English(HttpContext http, EditResult result)
        => http.RequestServices.GetRequiredService<JsonStringLocalizerFactory>().In("en").Say(result);

    private static Task<int> CurrentVersionAsync(Target target, PortalDbContext db, CancellationToken ct)
        => db.ContentTranslations.Where(t => t.ContentItemId == target.Item.Id && t.Culture == target.Culture)
            .Select(t => t.Version).SingleOrDefaultAsync(ct);

    private static Task<int> AwaitingRevisionAsync(Target target, PortalDbContext db, CancellationToken ct)
        => db.ContentTranslations.Where(t => t.Id == target.Translation!.Id).Select(t => t.DraftRevisionId ?? 0).SingleAsync(ct);

    private static async Task<IResult> TextAsync(Target target, HttpContext http, PortalDbContext db, PortalOptions options, CancellationToken ct)
    {
        var t = await db.ContentTranslations.AsNoTracking().Include(x => x.DraftRevision).Include(x => x.PublishedRevision)
            .SingleOrDefaultAsync(x => x.ContentItemId == target.Item.Id && x.Culture == target.Culture, ct);
        int? sourceRevisionId = target.IsSource ? null : await db.ContentTranslations
            .Where(x => x.ContentItemId == target.Item.Id && x.Culture == options.SourceCulture)
            .Select(x => x.PublishedRevisionId).SingleOrDefaultAsync(ct);
        var revisionIds = new[] { t?.DraftRevisionId, t?.PublishedRevisionId }.OfType<int>().ToList();
        var approvals = await db.SafetyReviews.AsNoTracking()
            .Where(a => revisionIds.Contains(a.RevisionId) && a.Decision == SafetyDecision.Approved)
            .Select(a => new { a.RevisionId, a.ReviewedBy }).ToListAsync(ct);
        var scheduled = t is null ? [] : await db.ScheduledPublications.AsNoTracking().Pending()
            .Where(s => s.TranslationId == t.Id)
            .Select(s => new ScheduledDto(s.RevisionId, s.DueAt, s.CreatedBy)).ToListAsync(ct);

        ManagedRevisionDto? Dto(ContentRevision? r) => r is null ? null : new(
            r.Id, r.Number, r.Title, r.Summary, r.BodyMarkdown, r.Fields,
            r.IsMajor, r.ChangeNote, r.UpdatedOn, r.ReviewedOn, r.SourceRevisionId, r.HumanReviewed, r.CreatedBy, r.CreatedAt,
            r.Id != t!.PublishedRevisionId && SafetyRules.NeedsApproval(t.Culture, options.SourceCulture, r.Fields, t.PublishedRevision?.Fields),
            approvals.Where(a => a.RevisionId == r.Id).Select(a => a.ReviewedBy).ToList());

        var version = t?.Version ?? 0;
        http.Response.Headers.ETag = ETag(version).ToString();
        var state = t is null ? "missing" : StateName(t.State);
        return TypedResults.Ok(new ManagedTextDto(
            target.Item.Id, target.Item.Kind.ToKebab(), target.Item.Key, target.Culture, target.IsSource, state, version, t?.Slug,
            Dto(t?.DraftRevision), Dto(t?.PublishedRevision), sourceRevisionId, scheduled));
    }

    private static string StateName(PublishState state) => state switch
    {
        PublishState.Draft => "draft",
        PublishState.Published => "published",
        _ => "published-with-draft",
    };

    private static ProblemHttpResult Unavailable(HttpContext http, string? detail)
    {
        Infrastructure.ServerErrors.RetryLater(http.Response);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Not saved", detail);
    }

    public static EntityTagHeaderValue ETag(int version) => new($"\"v{version}\"");

    private static ProblemHttpResult NotFound(string kind, string key, string culture)
        => Problem(StatusCodes.Status404NotFound, "Not found",
            $"No {kind} with key '{key}' in language '{culture}'. Kinds: {ContentKinds.Names}; create new items with POST {Base}/items/{{kind}}.");

    private static ProblemHttpResult Problem(int status, string title, string? detail)
        => TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();
}
