using Microsoft.AspNetCore.Http.Features;

namespace Portal.Infrastructure;

/// <summary>
/// One limit for every request body, API and workspace form alike: 4 MB, far above any text the portal holds (a content
/// file may be 1 MB), far below what would hurt the server. Over it the answer is 413: problem details in the API, the
/// error page for a form (<see cref="ServerErrors"/>). The one exception is a file posted to the media library, which may
/// be as large as the largest file it takes (<see cref="Media.MediaLimits"/>).
/// </summary>
public static class RequestLimits
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.Configure<FormOptions>(o =>
        {
            o.ValueLengthLimit = MaxBodyBytes;
            o.MultipartBodyLengthLimit = MaxBodyBytes;
        });
        return builder;
    }

    /// <summary>
    /// A body that says it is over the limit is refused before anything reads it, through the exception handler, so that
    /// the API and the pages answer 413 alike (a form's antiforgery check would otherwise turn Kestrel's 413 into a 400).
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var limit = LimitFor(context.Request.Method, context.Request.Path);
        if (limit != MaxBodyBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit; // Kestrel's own check
        return context.Request.ContentLength > limit && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null // not again for the error page
            ? throw new BadHttpRequestException("The request body is over the limit.", StatusCodes.Status413PayloadTooLarge)
            : next(context);
    });

    /// <summary>
    /// The body limit of a request to this address: the media library's uploads (the workspace form and the management
    /// API) take files up to the largest the library accepts, everything else <see cref="MaxBodyBytes"/>. Also what a 413
    /// tells its sender, from the path that failed (the error handler has moved Request.Path to /error).
    /// </summary>
    public static long LimitFor(string method, PathString path)
        => (HttpMethods.IsPost(method) && path.Equals(Media.MediaLimits.UploadPath, StringComparison.OrdinalIgnoreCase))
           || Api.ManagementApi.IsMediaUpload(method, path)
            ? Media.MediaLimits.MaxUploadRequestBytes : MaxBodyBytes;

    /// <summary>Kestrel's refusal of a body over the limit, or the form reader's of a value over it.</summary>
    public static bool IsTooLarge(Exception exception)
        => exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (exception is InvalidDataException && exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));
}
