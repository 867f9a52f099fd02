using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portal.Infrastructure;

namespace Portal.Api;

public static class ApiExtensions
{
    /// <summary>CORS policy of the API, the feeds and the OpenAPI document: published content, readable from any origin.</summary>
    public const string CorsPolicy = "public-read";

    /// <summary>The OpenAPI document (/openapi/v1.json); endpoints in it carry this group name.</summary>
    public const string DocumentName = "v1";

    public static IHostApplicationBuilder AddContentApi(this IHostApplicationBuilder builder)
    {
        // Enums as the same kebab-case words used in URLs and front matter ("country-guide", "individual"), by name
        // only: a level sent as 3 or 99 is refused, never stored.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));

        // No credentials, so any origin may read; If-None-Match is not a CORS-safelisted header, and ETag must be exposed.
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders(HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince)
            .WithExposedHeaders(HeaderNames.ETag)
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));

        builder.Services.AddExceptionHandler<ApiExceptionHandler>();

        builder.Services.AddOpenApi(DocumentName, o =>
        {
            // Only the delivery API and feeds: not the reader site's sitemap, robots.txt or diagnostics. HEAD mirrors GET.
            o.ShouldInclude = d => d.GroupName == DocumentName && d.HttpMethod == HttpMethods.Get;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "Portal delivery API",
                    Version = "v1",
                    Description = "Read-only, published content in every portal language, with fallback to the Dutch source text. "
                        + "Responses carry a strong ETag, Last-Modified and Cache-Control; send If-None-Match to get 304. "
                        + "Errors are RFC 9457 problem details. /api/v1/changes lists what was published or withdrawn since a cursor.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = HeaderNames.IfNoneMatch,
                    In = ParameterLocation.Header,
                    Description = "The ETag of a copy you hold: answered with 304 Not Modified while it is current.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    response.Headers[HeaderNames.ETag] = Header("Strong validator: a hash of the response bytes (per content coding).");
                    response.Headers[HeaderNames.LastModified] = Header("When the newest text in the response was published.");
                    response.Headers[HeaderNames.CacheControl] = Header(Cacheable.CacheControl);
                }
                return Task.CompletedTask;
            });
        });
        builder.Services.AddOpenApi(ManagementApi.DocumentName, o =>
        {
            o.ShouldInclude = d => d.GroupName == ManagementApi.DocumentName;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "Portal management API",
                    Version = "v1",
                    Description = "Drafts, publishing and scheduling for scripts, under the editor workspace's rules, with a personal access token "
                        + "(an administrator creates it at /editor/tokens; send it as Authorization: Bearer portal_…). The token acts as its owner with the "
                        + "owner's current roles. The ETag of a text is its version, \"v<version>\"; every change needs it as If-Match (428 without, 412 when stale). "
                        + "Errors are RFC 9457 problem details. Responses are never cached.",
                };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["token"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal access token, portal_<prefix>_<secret>.",
                };
                doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("token", doc)] = [] }];
                return Task.CompletedTask;
            });
        });
        foreach (var document in new[] { DocumentName, ManagementApi.DocumentName })
            builder.Services.Configure<OpenApiOptions>(document, o => o.AddDocumentTransformer((doc, context, _) =>
            {
                // The one public origin, not the Host of whoever asked first (the document is cached and shared).
                if (context.ApplicationServices.GetRequiredService<PublicUrl>().Configured is { } url)
                    doc.Servers = [new OpenApiServer { Url = url.GetLeftPart(UriPartial.Authority) }];
                return Task.CompletedTask;
            }));
        return builder;
    }

    private static OpenApiHeader Header(string description) => new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
