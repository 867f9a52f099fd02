namespace Portal.Operations;

/// <summary>
/// `dotnet Portal.dll health-check [url]`: asks a running portal for its health, exit 0 on 2xx, else 1. The container's
/// HEALTHCHECK runs it because the aspnet runtime image has no curl or wget, and this needs nothing the image lacks.
/// It runs before the host is built (no configuration, no database): a probe every 30 s should cost little.
/// </summary>
public static class HealthCheckCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080" + HealthEndpoints.LivePath;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "health-check";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"usage: health-check [http://host:port/health/live|ready]; '{url}' is not an http(s) URL");
            return 2;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(uri);
            var body = (await response.Content.ReadAsStringAsync()).Trim();
            Console.WriteLine($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"no answer from {uri}: {ex.Message}");
            return 1;
        }
    }
}
