using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Portal.Api;

/// <summary>
/// /openapi/manage.json: the management API's own document, complete enough that a typed client generated from it
/// compiles: every success answer with its schema, the token scheme, If-Match as a required header on every change and
/// the ETag each text answer carries (declared from <see cref="TextVersion"/> on the endpoint).
/// </summary>
public static partial class ManagementApi
{
    /// <summary>
    /// Endpoint metadata: the answer carries the ETag of what it is about (a text, or a media item when <paramref name="Media"/>);
    /// with <paramref name="IfMatch"/> the request must send it back.
    /// </summary>
    internal sealed record TextVersion(bool IfMatch, bool Media = false)
    {
        public static readonly TextVersion Read = new(false);
        public static readonly TextVersion Change = new(true);
        public static readonly TextVersion MediaRead = new(false, Media: true);
        public static readonly TextVersion MediaChange = new(true, Media: true);

        public string Subject => Media ? "media item" : "text";

        /// <summary>What the ETag counts: a media item's version moves with its file, an alt text or its retirement, not with the texts that show it.</summary>
        public string ETagDescription => Media
            ? "The media item's version as a strong ETag, \"v<version>\" (one more with each new file, alt text or title, subtitles, transcript, poster or retirement): send it as If-Match with the next change of this item."
            : "The text's version as a strong ETag, \"v<version>\": send it as If-Match with the next change.";
    }

    /// <summary>
    /// Endpoint metadata: a JSON body that may be left out (publish, unpublish). Declared here rather than with Accepts,
    /// whose content-type matching would send a bodiless POST to the fallback's 404; a body of another type answers 415.
    /// </summary>
    internal sealed record OptionalBody(Type Type);

    public const string DocumentDescription = "Drafts, publishing and scheduling for scripts, under the editor workspace's rules, with a personal access token "
        + "(an administrator creates it at /editor/tokens; send it as Authorization: Bearer portal_…). The token acts as its owner with the "
        + "owner's current roles. The ETag of a text is its version, \"v<version>\"; every change needs it as If-Match (428 without, 412 when stale). "
        + "Errors are RFC 9457 problem details. Responses are never cached.";

    internal static IHostApplicationBuilder AddManagementApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.GroupName == DocumentName;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo { Title = "Portal management API", Version = "v1", Description = DocumentDescription };
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
            o.AddOperationTransformer(async (operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<OptionalBody>().FirstOrDefault() is { } body && context.Document is { } doc)
                {
                    // A component like every other body's, so generated clients name the type.
                    doc.AddComponent(body.Type.Name, await context.GetOrCreateSchemaAsync(body.Type, cancellationToken: ct));
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = false,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchemaReference(body.Type.Name, doc) },
                        },
                    };
                }
                var version = metadata.OfType<TextVersion>().FirstOrDefault();
                if (version is null) return;
                if (version.IfMatch)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = HeaderNames.IfMatch,
                        In = ParameterLocation.Header,
                        Required = true,
                        Description = $"The ETag of the {version.Subject} as you read it, e.g. \"v12\" (or * for any existing {version.Subject}). Without it: 428; stale: 412, and nothing is written.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (status is not ("200" or "201") || response is not OpenApiResponse text) continue;
                    text.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    text.Headers[HeaderNames.ETag] = ApiExtensions.Header(version.ETagDescription);
                    if (status == "201") text.Headers[HeaderNames.Location] = ApiExtensions.Header($"The new {version.Subject}'s address in this API.");
                }
            });
        });
        return builder;
    }
}
