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
        var limit = IsMediaForm(context.Request.Method, context.Request.Path) || Api.ManagementApi.IsMediaUpload(context.Request)
            ? Media.MediaLimits.MaxUploadRequestBytes : MaxBodyBytes;
        if (limit != MaxBodyBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit; // Kestrel's own check
        return context.Request.ContentLength > limit && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null // not again for the error page
            ? throw new BadHttpRequestException("The request body is over the limit.", StatusCodes.Status413PayloadTooLarge)
            : next(context);
    });

    /// <summary>The limit a form posted to this address had, in whole MB: what the 413 page tells the editor.</summary>
    public static long FormLimitMegabytes(string method, PathString path)
        => (IsMediaForm(method, path) ? Media.MediaLimits.MaxUploadRequestBytes : MaxBodyBytes) / (1024 * 1024);

    private static bool IsMediaForm(string method, PathString path)
        => HttpMethods.IsPost(method) && path.Equals(Media.MediaLimits.UploadPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>Kestrel's refusal of a body over the limit, or the form reader's of a value over it.</summary>
    public static bool IsTooLarge(Exception exception)
        => exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (exception is InvalidDataException && exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));
}
