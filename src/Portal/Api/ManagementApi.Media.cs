using System.ComponentModel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Accounts;
using Portal.Content.Editing;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Media;

namespace Portal.Api;

/// <summary>
/// /api/v1/manage/media: the media library for scripts, through the workspace's own commands (UploadMedia, AltTexts): the
/// same checks by the bytes, limits, roles and audit entries. The item's Version is its ETag; replacing its file or
/// writing an alt text needs it as If-Match. Attaching is naming <c>![[media:key]]</c> in a body saved through PUT …/draft.
/// </summary>
public static partial class ManagementApi
{
    public const string MediaBase = Base + "/media";

    /// <summary>The API's upload requests, which may be as large as the workspace's (<see cref="Infrastructure.RequestLimits"/>).</summary>
    public static bool IsMediaUpload(string method, PathString path)
        => (HttpMethods.IsPost(method) && path.Equals(MediaBase, StringComparison.OrdinalIgnoreCase))
           || (HttpMethods.IsPut(method) && path.StartsWithSegments(MediaBase, StringComparison.OrdinalIgnoreCase)
               && path.Value!.EndsWith("/file", StringComparison.OrdinalIgnoreCase));

    private static void MapMedia(IEndpointRouteBuilder app)
    {
        var media = Group(app, "/media", "Media");
        media.MapPost("", UploadMediaAsync).WithName("UploadMedia")
            .WithSummary("Upload an image")
            .WithDescription("multipart/form-data with the image as \"file\" (JPEG, PNG or WebP, at most 10 MB and 8,000 px a side) and, optionally, "
                + "\"name\" (default: the file's name, which also gives the key). Checked by its bytes and stripped of all metadata as in the workspace. "
                + "201 with the item, its ETag and Location. Place it in a body as ![[media:<key>]]; publishing needs its Dutch alt text first.")
            .Accepts<MediaUploadForm>("multipart/form-data")
            .Produces<ManagedMediaDto>(StatusCodes.Status201Created).WithMetadata(TextVersion.MediaRead)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var item = Group(app, "/media/{key}", "Media");
        item.MapGet("", GetMediaAsync).WithName("GetMedia")
            .WithSummary("A media item")
            .WithDescription("Its file, copies and alt text per language with its state (missing, outdated, current); the ETag is its version.")
            .Produces<ManagedMediaDto>().WithMetadata(TextVersion.MediaRead);
        item.MapPut("/file", ReplaceMediaAsync).WithName("ReplaceMediaFile")
            .WithSummary("Replace an item's file")
            .WithDescription("Needs If-Match. multipart/form-data with the new image as \"file\": same key, a new revision with new addresses; "
                + "the published texts that show it show the new file at once.")
            .Accepts<MediaUploadForm>("multipart/form-data")
            .ProducesMediaChange().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        item.MapPut("/alt/{culture}", SetAltAsync).WithName("SetMediaAltText")
            .WithSummary("Write an item's alt text in one language")
            .WithDescription("Needs If-Match. JSON body {\"text\": \"…\"} (at most 500 characters). Dutch (the source) first, by an editor; "
                + "a translator writes the others, which are outdated when the Dutch text changes later.")
            .Accepts<AltTextRequest>("application/json")
            .ProducesMediaChange();
    }

    private static RouteHandlerBuilder ProducesMediaChange(this RouteHandlerBuilder b) => b
        .WithMetadata(TextVersion.MediaChange)
        .Produces<ManagedMediaDto>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static async Task<IResult> GetMediaAsync(string key, HttpContext http, PortalDbContext db, PortalOptions options, CancellationToken ct)
        => await MediaAsync(key, http, db, options, ct) ?? MediaNotFound(key);

    private static async Task<IResult> UploadMediaAsync(HttpContext http, PortalDbContext db, PortalOptions options, UploadMedia.Handler upload, CancellationToken ct)
    {
        var (file, name, refused) = await ReadUploadAsync(http, ct);
        if (refused is not null) return refused;
        var (result, key) = await upload.HandleAsync(new(null, name ?? file!.FileName, file!.Bytes), Actor.From(http.User), ct);
        if (!result.Succeeded) return MediaRefused(result, http);
        var answer = await MediaAsync(key!, http, db, options, ct);
        return TypedResults.Created($"{MediaBase}/{key}", ((Ok<ManagedMediaDto>)answer!).Value);
    }

    private static async Task<IResult> ReplaceMediaAsync(string key, HttpContext http, PortalDbContext db, PortalOptions options, UploadMedia.Handler upload, CancellationToken ct)
    {
        if (await MediaPreconditionAsync(key, http, db, ct) is { } refused) return refused;
        var (file, _, invalid) = await ReadUploadAsync(http, ct);
        if (invalid is not null) return invalid;
        var name = await db.MediaItems.Where(i => i.Key == key).Select(i => i.Name).SingleAsync(ct);
        var (result, _) = await upload.HandleAsync(new(key, name, file!.Bytes), Actor.From(http.User), ct);
        return result.Succeeded ? await MediaAsync(key, http, db, options, ct) ?? MediaNotFound(key) : MediaRefused(result, http);
    }

    private static async Task<IResult> SetAltAsync(string key, string culture, HttpContext http, PortalDbContext db, PortalOptions options, AltTexts.Handler handler, CancellationToken ct)
    {
        if (await MediaPreconditionAsync(key, http, db, ct) is { } refused) return refused;
        var (request, invalid) = await ReadAsync<AltTextRequest>(http, ct);
        if (invalid is not null) return invalid;
        if (request?.Text is null) return Problem(StatusCodes.Status400BadRequest, "Text required", "Send {\"text\": \"…\"}.");
        var result = await handler.HandleAsync(new(key, culture, request.Text), Actor.From(http.User), ct);
        return result.Succeeded ? await MediaAsync(key, http, db, options, ct) ?? MediaNotFound(key) : MediaRefused(result, http);
    }

    /// <summary>The uploaded file of a multipart form, read with the upload's own limit (the app's 4 MB is for everything else).</summary>
    private static async Task<(UploadedFile? File, string? Name, IResult? Refused)> ReadUploadAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, null, Problem(StatusCodes.Status415UnsupportedMediaType, "multipart/form-data expected", "Send the image as the \"file\" part of a multipart/form-data body."));
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new Microsoft.AspNetCore.Http.Features.FormOptions
        {
            MultipartBodyLengthLimit = MediaLimits.MaxUploadRequestBytes, ValueLengthLimit = MediaItem.MaxName * 4,
        }));
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return (null, null, Problem(StatusCodes.Status400BadRequest, "File required", "Send the image as the \"file\" part."));
        if (file.Length > MediaLimits.MaxImageBytes)
            return (null, null, Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"The file is over {MediaLimits.MaxImageBytes / (1024 * 1024)} MB, the limit for images."));
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var name = form["name"].ToString() is { Length: > 0 } n ? n : null;
        return (new UploadedFile(file.FileName, buffer.ToArray()), name, null);
    }

    private sealed record UploadedFile(string FileName, byte[] Bytes);

    /// <summary>If-Match against the item's version: 428 without it, 412 when it names another (nothing is written).</summary>
    private static async Task<IResult?> MediaPreconditionAsync(string key, HttpContext http, PortalDbContext db, CancellationToken ct)
    {
        var version = await db.MediaItems.Where(i => i.Key == key).Select(i => (int?)i.Version).SingleOrDefaultAsync(ct);
        if (version is null) return MediaNotFound(key);
        var header = http.Request.Headers.IfMatch;
        if (header.Count == 0)
            return Problem(StatusCodes.Status428PreconditionRequired, "If-Match required", "Send the ETag of the item as you read it as If-Match (GET it first).");
        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0)
            return Problem(StatusCodes.Status400BadRequest, "Invalid If-Match", "If-Match must be an ETag such as \"v3\".");
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag == ETag(version.Value).Tag)) ? null
            : Problem(StatusCodes.Status412PreconditionFailed, "Changed since you read it", $"The item is at {ETag(version.Value)}: GET it again. Nothing was written.");
    }

    private static IResult MediaRefused(EditResult result, HttpContext http) => result.Outcome switch
    {
        EditOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", English(http, result)),
        EditOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", English(http, result)),
        EditOutcome.Conflict => Problem(StatusCodes.Status412PreconditionFailed, "Changed meanwhile", "The item changed while this ran; nothing was written. GET it again."),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, "Not accepted", English(http, result)),
    };

    private static ProblemHttpResult MediaNotFound(string key) => Problem(StatusCodes.Status404NotFound, "Not found", $"No media item with key '{key}'.");

    private static async Task<IResult?> MediaAsync(string key, HttpContext http, PortalDbContext db, PortalOptions options, CancellationToken ct)
    {
        var item = await db.MediaItems.AsNoTracking().Where(i => i.Key == key).Select(i => new
        {
            i.Key, i.Kind, i.Name, i.Version, i.RetiredAt,
            File = i.CurrentRevision == null ? null : new { i.CurrentRevision.ContentType, i.CurrentRevision.Size, i.CurrentRevision.Width, i.CurrentRevision.Height, i.CurrentRevision.Number },
            Variants = i.CurrentRevision!.Variants.Select(v => new { v.FileName, v.ContentType, v.Width, v.Height }).ToList(),
            Alt = i.AltTexts.ToList(),
        }).SingleOrDefaultAsync(ct);
        if (item is null) return null;
        var origin = http.PublicOrigin();
        var source = item.Alt.SingleOrDefault(a => a.Culture == options.SourceCulture);
        var alt = options.Cultures.Select(c =>
        {
            var a = item.Alt.SingleOrDefault(a => a.Culture == c);
            return new ManagedAltTextDto(c, a?.Text, AltTexts.State(a, source, options.SourceCulture).ToString().ToLowerInvariant(), a?.Version ?? 0, a?.SourceVersion);
        }).ToList();
        http.Response.Headers.ETag = ETag(item.Version).ToString();
        return TypedResults.Ok(new ManagedMediaDto(item.Key, item.Kind.ToString().ToLowerInvariant(), item.Name, item.Version, MediaReferences.Of(item.Key),
            item.File?.Number ?? 0, item.File?.ContentType, item.File?.Size ?? 0, item.File?.Width, item.File?.Height, item.RetiredAt,
            item.Variants.OrderBy(v => v.Width).ThenBy(v => v.ContentType, StringComparer.Ordinal)
                .Select(v => new MediaVariantDto($"{origin}/media/{item.Key}/{v.FileName}", v.ContentType, v.Width, v.Height)).ToList(),
            alt));
    }
}

/// <summary>The multipart form of an upload (for the document: the endpoint reads it itself).</summary>
public sealed record MediaUploadForm([property: Description("The image: JPEG, PNG or WebP.")] IFormFile File, [property: Description("Optional: what the library calls it.")] string? Name);

public sealed record AltTextRequest(string Text);

public sealed record ManagedAltTextDto(
    string Culture, string? Text,
    [property: Description("missing, outdated (made from an older Dutch text) or current.")] string State,
    [property: Description("Counts this text's changes.")] int Version,
    [property: Description("For a translation: the Dutch text's version it was made from.")] int? TranslatedFrom);

public sealed record ManagedMediaDto(
    string Key, string Kind, string Name,
    [property: Description("The item's version; its ETag is \"v<version>\".")] int Version,
    [property: Description("What a body writes to show it.")] string Reference,
    [property: Description("The current file's revision number.")] int Revision,
    string? ContentType, long Size, int? Width, int? Height, DateTimeOffset? Retired,
    IReadOnlyList<MediaVariantDto> Variants, IReadOnlyList<ManagedAltTextDto> AltTexts);
