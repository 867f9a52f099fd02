using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            // Arabic, Persian and Sorani letters as themselves, not as six-byte \uXXXX escapes (still escaped: < > & ' " and controls).
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });

        // No credentials, so any origin may read; If-None-Match is not a CORS-safelisted header, and ETag must be exposed.
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders(HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince)
            .WithExposedHeaders(HeaderNames.ETag)
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));
        // The CORS middleware asks for its policy provider on every request, and it is registered transient: one object
        // made by reflection per request (decision 0006 turns DI's compiled factories off). It holds only the options.
        builder.Services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider, DefaultCorsPolicyProvider>());

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
                        + "Errors are RFC 9457 problem details. Lists come in pages: limit (default 50, at most 200) and the next cursor of the previous answer. "
                        + "/api/v1/changes lists what was published or withdrawn since a cursor.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                operation.Parameters ??= [];
                // Read as strings (so a bad value gets problem details, not binding's empty 400), documented as what they accept.
                var cultures = context.ApplicationServices.GetRequiredService<Localization.PortalCultures>();
                foreach (var p in operation.Parameters.OfType<OpenApiParameter>())
                {
                    if (p.Name == "culture")
                        p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. cultures.Names.Select(n => (JsonNode)JsonValue.Create(n))] };
                    else if (p.Name == "limit")
                    {
                        var (fallback, max) = operation.OperationId == "ListChanges" ? (ChangeFeed.DefaultLimit, ChangeFeed.MaxLimit) : (ListPaging.DefaultLimit, ListPaging.MaxLimit);
                        p.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = max.ToString(CultureInfo.InvariantCulture), Default = JsonValue.Create(fallback) };
                    }
                }
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
        builder.AddManagementApiDocument();
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

    internal static OpenApiHeader Header(string description) => new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
