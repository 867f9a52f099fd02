using AngleSharp;
using AngleSharp.Html.Dom;


namespace Portal.Tests.Support;

/// <summary>Parses a response with AngleSharp (the AspNetCore.Docs integration-test helper, trimmed to what we use).</summary>
public static class Html
{
    public static async Task<IHtmlDocument> GetDocumentAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New().OpenAsync(r =>
        {
            r.Content(content);
            r.Address(response.RequestMessage!.RequestUri);
            r.Status(response.StatusCode);
            foreach (var h in response.Headers.Concat(response.Content.Headers))
                r.Header(h.Key, string.Join(", ", h.Value));
        });
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure?.Invoke(request);
        using var response = await client.SendAsync(request);
        return await GetDocumentAsync(response);
    }
}
