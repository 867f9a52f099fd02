using System.Net;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portal.Content;
using Portal.Infrastructure;

namespace Portal.Api;

/// <summary>
/// /openapi/v1.json, and /api: the same document as a page people can read, rendered here from it (so the two never
/// disagree), with the site's own stylesheet and no script (the CSP allows none); /api/manage does the same for
/// /openapi/manage.json.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api";

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireCors(ApiExtensions.CorsPolicy).CacheOutput(ReaderCaching.Policy);
        MapPage(app, Path, ApiExtensions.DocumentName, DeliveryConventions);
        MapPage(app, ManagePath, ManagementApi.DocumentName, ManagementConventions);
        return app;
    }

    /// <summary>The management API's reference page.</summary>
    public const string ManagePath = Path + "/manage";

    private static void MapPage(IEndpointRouteBuilder app, string path, string document, string[] conventions)
        => app.MapGet(path, async (IServiceProvider services, CancellationToken ct) =>
            {
                var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(document);
                var html = Render(await provider.GetOpenApiDocumentAsync(ct), document, conventions);
                return new Cacheable(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", null);
            })
            .ExcludeFromDescription()
            .CacheOutput(ReaderCaching.Policy);

    private static readonly string[] DeliveryConventions =
    [
        "Every text comes in the language of the URL. Where it is not translated the Dutch source text is served: <code>language.translationMissing</code> is true and <code>language.served</code> says <code>nl</code>. A translation made from an older version of the source has <code>language.outdated</code> true and <code>language.sourceUpdated</code> the date the source changed.",
        "URLs in responses are relative to this site. <code>links.alternates</code> lists the item in every language it is published in.",
        $"Responses carry a strong <code>ETag</code>, <code>Last-Modified</code> and <code>Cache-Control: {E(Cacheable.CacheControl)}</code>. Send <code>If-None-Match</code> with the ETag you hold to get <code>304 Not Modified</code>.",
        "Any origin may read (CORS, GET and HEAD, no credentials).",
        "Errors are <code>application/problem+json</code> (RFC 9457): 400 for a bad parameter such as an unknown language or cursor, 404 for an unknown item.",
        $"Lists (countries, support points, stories, pages) come in pages of <code>limit</code> items (default {ListPaging.DefaultLimit}, at most {ListPaging.MaxLimit}). While <code>hasMore</code> is true, ask again with <code>?next=</code> set to the answer's <code>next</code> cursor (and the same filters and limit). A cursor is opaque; a bad one, or a bad limit, answers 400.",
        "To mirror the content, read everything once, then poll <code>/api/v1/changes?since=</code> with the <code>next</code> cursor of the last answer.",
        $"Changing content (drafts, publishing, scheduling) is a separate API for the editors' own scripts, with a personal access token: <a href=\"{ManagePath}\">its reference</a> and <a href=\"/openapi/{ManagementApi.DocumentName}.json\">/openapi/{ManagementApi.DocumentName}.json</a>.",
    ];

    private static readonly string[] ManagementConventions =
    [
        "Every request sends a personal access token as <code>Authorization: Bearer portal_…</code>; an administrator creates it at <code>/editor/tokens</code>. The token acts as its owner, with the owner's roles at the time of the request: 401 without a valid token, 403 when the owner's role does not allow the change.",
        "A text (one item in one language) answers with its version as a strong <code>ETag</code>, <code>\"v&lt;version&gt;\"</code>. Every change of a text sends it back as <code>If-Match</code>: 428 without it, 412 when someone changed the text since you read it (nothing is written; read it again and merge).",
        "Request bodies are <code>application/json</code>; levels and other choices are names such as <code>individual</code>, never numbers. Structured <code>fields</code> start with <code>\"$kind\"</code>, as GET returns them.",
        "Errors are <code>application/problem+json</code> (RFC 9457); invalid values answer 400 with <code>errors</code> keyed by JSON path. Answers are never cached (<code>Cache-Control: no-store</code>).",
        $"Reading published content needs no token: <a href=\"{Path}\">the delivery API</a>.",
    ];

    internal static string Render(OpenApiDocument doc, string document, IEnumerable<string> conventions)
    {
        var html = new StringBuilder();
        void Line(string s) => html.Append(s).Append('\n');
        var title = doc.Info?.Title ?? "API";

        Line("<!DOCTYPE html>");
        Line("<html lang=\"en\" dir=\"ltr\">");
        Line("<head>");
        Line("<meta charset=\"utf-8\">");
        Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        Line($"<title>{E(title)} – reference</title>");
        Line("<link rel=\"stylesheet\" href=\"/css/site.css\">");
        Line("</head>");
        Line("<body>");
        Line("<main id=\"main\">");
        Line($"<h1>{E(title)}</h1>");
        Line($"<p class=\"lead\">{E(doc.Info?.Description ?? "")}</p>");
        Line($"<p>The same description, machine-readable: <a href=\"/openapi/{document}.json\">/openapi/{document}.json</a> (OpenAPI).</p>");
        Line("<h2 id=\"conventions\">Conventions</h2>");
        Line("<ul>");
        foreach (var convention in conventions) Line($"<li>{convention}</li>");
        Line("</ul>");

        // The API before the feeds; otherwise in the document's order.
        var operations = (doc.Paths ?? []).SelectMany(p => (p.Value.Operations ?? []).Select(o => (Path: p.Key, Method: o.Key.Method, Operation: o.Value)))
            .OrderBy(o => o.Path.StartsWith(ApiUrls.Base, StringComparison.Ordinal) ? 0 : 1).ToList();
        Line("<nav class=\"toc\" aria-labelledby=\"endpoints\">");
        Line("<h2 id=\"endpoints\">Endpoints</h2>");
        Line("<ol>");
        foreach (var (path, method, op) in operations)
            Line($"<li><a href=\"#{Anchor(op, path)}\"><code>{method} {E(path)}</code></a> – {E(op.Summary ?? "")}</li>");
        Line("</ol>");
        Line("</nav>");

        foreach (var (path, method, op) in operations)
        {
            Line($"<section aria-labelledby=\"{Anchor(op, path)}\">");
            Line($"<h2 id=\"{Anchor(op, path)}\"><code>{method} {E(path)}</code></h2>");
            if (op.Summary is { Length: > 0 } summary) Line($"<p><strong>{E(summary)}</strong></p>");
            if (op.Description is { Length: > 0 } description) Line($"<p>{E(description)}</p>");
            if (op.Parameters is { Count: > 0 } parameters)
            {
                Line("<h3>Parameters</h3>");
                Line("<ul>");
                foreach (var p in parameters)
                    Line($"<li><code>{E(p.Name ?? "")}</code> ({E(p.In?.ToString().ToLowerInvariant() ?? "")}, {(p.Required ? "required" : "optional")}, {Type(p.Schema)}): {E(p.Description ?? "")}</li>");
                Line("</ul>");
            }
            if (op.RequestBody is { Content: { Count: > 0 } body } request)
            {
                var shapes = body.Select(c => $"<code>{E(c.Key)}</code>{(c.Value.Schema is null ? "" : ": " + Type(c.Value.Schema))}");
                Line($"<h3>Request body</h3>");
                Line($"<p>{(request.Required ? "Required" : "Optional")}: {string.Join(", ", shapes)}</p>");
            }
            Line("<h3>Responses</h3>");
            Line("<ul>");
            foreach (var (status, response) in (op.Responses ?? []).OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var bodies = (response.Content ?? new Dictionary<string, OpenApiMediaType>())
                    .Select(c => $"<code>{E(c.Key)}</code>{(c.Value.Schema is null ? "" : ": " + Type(c.Value.Schema))}");
                var headers = (response.Headers ?? new Dictionary<string, IOpenApiHeader>()).Select(h => $"<code>{E(h.Key)}</code> header");
                Line($"<li><strong>{E(status)}</strong> {E(response.Description ?? "")} {string.Join(", ", bodies.Concat(headers))}</li>");
            }
            Line("</ul>");
            Line("</section>");
        }

        Line("<h2 id=\"shapes\">Response shapes</h2>");
        foreach (var (name, schema) in (doc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Line($"<section aria-labelledby=\"schema-{E(name)}\">");
            Line($"<h3 id=\"schema-{E(name)}\">{E(name)}</h3>");
            if (schema.Description is { Length: > 0 } description) Line($"<p>{E(description)}</p>");
            if (schema.Enum is { Count: > 0 } values) Line($"<p>One of: {string.Join(", ", values.Select(v => $"<code>{E(v?.ToString() ?? "null")}</code>"))}</p>");
            if (schema.Properties is { Count: > 0 } properties)
            {
                Line("<ul>");
                foreach (var (property, type) in properties)
                    Line($"<li><code>{E(property)}</code>: {Type(type)}{(type.Description is { Length: > 0 } d ? " – " + E(d) : "")}</li>");
                Line("</ul>");
            }
            Line("</section>");
        }
        Line("</main>");
        Line("</body>");
        Line("</html>");
        return html.ToString();
    }

    private static string Anchor(OpenApiOperation op, string path) => "op-" + (op.OperationId ?? path.Trim('/').Replace('/', '-').Replace("{", "").Replace("}", ""));

    /// <summary>A schema as a short phrase: "string (date)", "array of <a>CountryDto</a>", "null or string".</summary>
    private static string Type(IOpenApiSchema? schema)
    {
        if (schema is null) return "any";
        if (schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id) return $"<a href=\"#schema-{E(id)}\">{E(id)}</a>";
        var variants = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).ToList();
        if (variants.Count > 0) return string.Join(" or ", variants.Select(Type));
        var parts = new List<string>();
        if (schema.Type is { } t)
        {
            foreach (var flag in Enum.GetValues<JsonSchemaType>())
            {
                if (!t.HasFlag(flag)) continue;
                parts.Add(flag switch
                {
                    JsonSchemaType.Array => "array of " + Type(schema.Items),
                    JsonSchemaType.Object when schema.AdditionalProperties is { } values => "map of " + Type(values),
                    _ => flag.ToString().ToLowerInvariant() + (flag != JsonSchemaType.Null && schema.Format is { Length: > 0 } f ? $" ({E(f)})" : ""),
                });
            }
        }
        return parts.Count == 0 ? "any" : string.Join(" or ", parts);
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
