using System.Net;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Both OpenAPI documents as a client generator reads them: valid for swagger-parser (pinned in tools/, nobody on the
/// project wrote it), every operation with a success answer and its schema, the management API's If-Match and ETag
/// declared, and the delivery API's parameters typed as the API checks them.
/// </summary>
// SQLite only: the documents are built from the endpoints and the configured languages, not from the database.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class OpenApiContractTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    private static readonly string[] Documents = ["/openapi/v1.json", "/openapi/manage.json"];

    [OpenApiValidatorFact]
    public async Task BothDocumentsPassSwaggerParser()
    {
        var dir = Directory.CreateTempSubdirectory("portal-openapi").FullName;
        try
        {
            using var client = app.CreateReaderClient();
            var files = new List<string>();
            foreach (var url in Documents)
            {
                var file = Path.Combine(dir, Path.GetFileName(url));
                await File.WriteAllTextAsync(file, await client.GetStringAsync(url));
                files.Add(file);
            }
            var (exitCode, stdout, stderr) = await ToolProcess.RunAsync("node", [Path.Combine(RepoPaths.Root, "tools", "validate-openapi.mjs"), .. files]);
            Assert.True(exitCode == 0, stdout + stderr);
            Assert.Equal(files.Select(f => $"ok {f}"), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task EveryOperationDocumentsItsSuccessAnswerWithASchema()
    {
        using var client = app.CreateReaderClient();
        var missing = new List<string>();
        var operations = 0;
        foreach (var url in Documents)
        {
            var doc = await client.GetJsonAsync(url);
            var schemas = doc.GetProperty("components").GetProperty("schemas");
            foreach (var (path, method, op) in Operations(doc))
            {
                operations++;
                var success = op.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (success.Count == 0) { missing.Add($"{method} {path}: no 2xx answer"); continue; }
                foreach (var answer in success.Where(r => r.Name != "204"))
                {
                    if (!answer.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _)))
                        missing.Add($"{method} {path}: {answer.Name} without a schema");
                    // Every named shape the answer refers to is in the components (ManagedTextDto was missing once).
                    foreach (var reference in References(answer.Value))
                        if (!schemas.TryGetProperty(reference, out _)) missing.Add($"{method} {path}: {reference} not in components");
                }
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
        Assert.True(operations >= 24, $"only {operations} operations in both documents");
    }

    [Fact]
    public async Task EveryChangeOfATextRequiresIfMatchAndEveryTextAnswerCarriesItsETag()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetJsonAsync("/openapi/manage.json");
        var text = "/api/v1/manage/items/{kind}/{key}/{culture}";
        var changes = Operations(doc).Where(o => o.Path.StartsWith(text + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["post /publish", "post /schedule", "post /unpublish", "put /draft"],
            changes.Select(c => $"{c.Method} {c.Path[text.Length..]}").Order(StringComparer.Ordinal));
        foreach (var (path, method, op) in changes)
        {
            var ifMatch = op.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "If-Match");
            Assert.Equal("header", ifMatch.GetProperty("in").GetString());
            Assert.True(ifMatch.GetProperty("required").GetBoolean(), $"{method} {path}");
            Assert.True(op.GetProperty("responses").TryGetProperty("428", out _), $"{method} {path} does not document 428");
            AssertTextAnswer(op, "200");
        }
        AssertTextAnswer(doc.GetProperty("paths").GetProperty(text).GetProperty("get"), "200");
        var create = doc.GetProperty("paths").GetProperty("/api/v1/manage/items/{kind}").GetProperty("post");
        AssertTextAnswer(create, "201");
        Assert.True(create.GetProperty("responses").GetProperty("201").GetProperty("headers").TryGetProperty("Location", out _));
        // Publish and unpublish take an optional body: documented, not required.
        var publish = doc.GetProperty("paths").GetProperty(text + "/publish").GetProperty("post").GetProperty("requestBody");
        Assert.False(publish.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.Equal("#/components/schemas/PublishRequest", publish.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());

        // A media item's ETag is the item's version, not a text's: its answers and its If-Match say so.
        var media = doc.GetProperty("paths").GetProperty("/api/v1/manage/media/{key}");
        Assert.StartsWith("The media item's version", Description(media.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers").GetProperty("ETag")));
        var alt = doc.GetProperty("paths").GetProperty("/api/v1/manage/media/{key}/alt/{culture}").GetProperty("put");
        Assert.StartsWith("The ETag of the media item", alt.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "If-Match").GetProperty("description").GetString());
        Assert.StartsWith("The text's version", Description(doc.GetProperty("paths").GetProperty(text).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers").GetProperty("ETag")));

        static string Description(JsonElement header) => header.GetProperty("description").GetString()!;

        static void AssertTextAnswer(JsonElement op, string status)
        {
            var answer = op.GetProperty("responses").GetProperty(status);
            Assert.Equal("#/components/schemas/ManagedTextDto", answer.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.True(answer.GetProperty("headers").TryGetProperty("ETag", out _));
        }
    }

    [Fact]
    public async Task LimitIsABoundedIntegerAndCultureOneOfTheConfiguredLanguages()
    {
        using var client = app.CreateReaderClient();
        var doc = await client.GetJsonAsync("/openapi/v1.json");
        var lists = new[] { "countries", "support-points", "stories", "pages" };
        foreach (var list in lists)
        {
            var op = doc.GetProperty("paths").GetProperty($"/api/v1/{{culture}}/{list}").GetProperty("get");
            var limit = Parameter(op, "limit").GetProperty("schema");
            Assert.Equal("integer", limit.GetProperty("type").GetString());
            Assert.Equal((1, 200, 50), (limit.GetProperty("minimum").GetInt32(), limit.GetProperty("maximum").GetInt32(), limit.GetProperty("default").GetInt32()));
            Assert.Equal("query", Parameter(op, "next").GetProperty("in").GetString());
            var answer = op.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
            var shape = doc.GetProperty("components").GetProperty("schemas").GetProperty(answer.Split('/')[^1]).GetProperty("properties");
            Assert.True(shape.TryGetProperty("next", out _) && shape.TryGetProperty("hasMore", out _), answer);
        }
        var changes = Parameter(doc.GetProperty("paths").GetProperty("/api/v1/changes").GetProperty("get"), "limit").GetProperty("schema");
        Assert.Equal(("integer", 500), (changes.GetProperty("type").GetString(), changes.GetProperty("maximum").GetInt32()));

        foreach (var (path, method, op) in Operations(doc).Where(o => o.Path.Contains("{culture}", StringComparison.Ordinal)))
        {
            var values = Parameter(op, "culture").GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
            Assert.True(ConfiguredCultures.All.SequenceEqual(values), $"{method} {path}: {string.Join(",", values)}");
        }

        static JsonElement Parameter(JsonElement op, string name) => op.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task TheManagementReferencePageListsEveryOperationAndApiLinksToIt()
    {
        using var client = app.CreateReaderClient();
        var delivery = await client.GetDocumentAsync("/api");
        Assert.Contains(delivery.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/api/manage");

        using var response = await client.GetAsync("/api/manage");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await client.GetDocumentAsync("/api/manage");
        var doc = await client.GetJsonAsync("/openapi/manage.json");
        var headings = page.QuerySelectorAll("section h2 code").Select(c => c.TextContent).ToList();
        Assert.Equal(Operations(doc).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").Order(StringComparer.Ordinal), headings.Order(StringComparer.Ordinal));
        var draft = page.QuerySelector("section[aria-labelledby='op-SaveDraft']")!;
        Assert.Contains("If-Match", draft.TextContent);
        Assert.Contains("ManagedTextDto", draft.TextContent);
        Assert.NotNull(page.QuerySelector("#schema-ManagedTextDto"));
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc)
        => doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(m => m.Name is "get" or "put" or "post" or "delete" or "patch")
            .Select(m => (p.Name, m.Name, m.Value)));

    private static IEnumerable<string> References(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => p.Name == "$ref" && p.Value.GetString() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? [r["#/components/schemas/".Length..]] : References(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
