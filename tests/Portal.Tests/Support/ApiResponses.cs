using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Content.Import;

namespace Portal.Tests.Support;

/// <summary>Helpers for the delivery API and feed tests: JSON as the wire carries it (no DTOs), and problem details.</summary>
public static class ApiResponses
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem (not the reader site's HTML page) with this status, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage!.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}

/// <summary>A scratch copy of content/ that a test edits and imports into its app, as an editor's import would.</summary>
public sealed class ScratchContent : IDisposable
{
    public string Folder { get; } = RepoPaths.CopyContent();

    public ScratchContent Edit(string relative, Func<string, string> change)
    {
        var path = Path.Combine(Folder, relative);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after); // the edit must hit something
        File.WriteAllText(path, after);
        return this;
    }

    public Task<ImportResult> ImportAsync(PortalApplication app) => app.WithDbAsync(async (_, sp) =>
    {
        var (files, problems) = sp.GetRequiredService<ContentValidator>().Validate(Folder);
        Assert.Empty(problems);
        return await sp.GetRequiredService<ContentImporter>().ImportAsync(files);
    });

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
