using System.Diagnostics;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the pages it checks are rendered from the app's database.
/// <summary>Every reader page type in every language, and the two API reference pages, pass the Nu Html Checker (vnu-jar from npm, on the system Java).</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class HtmlValidityTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    private static readonly string[] PageTypes =
        ["/", "/countries/guinea", "/countries/iraq/safety", "/support-points", "/support-points?city=Leiden", "/support-points?region=zuid-holland&language=ar", "/stories/mazan", "/about", "/privacy", "/countries", "/stories", "/search", "/search?q=irak", "/countries/iraq/print", "/no-such-page"];

    [VnuFact]
    public async Task EveryReaderPageTypeInEveryLanguageIsValidHtml()
    {
        var dir = Directory.CreateTempSubdirectory("portal-vnu").FullName;
        try
        {
            using var client = app.CreateReaderClient();
            var files = new List<string>();
            var pages = ConfiguredCultures.All.SelectMany(c => PageTypes.Select(p => $"/{c}{p}")).Append("/?choose").Append("/api").Append("/api/manage");
            foreach (var url in pages)
            {
                using var response = await client.GetAsync(url);
                var file = Path.Combine(dir, url.Trim('/').Replace('/', '_').Replace('?', '_').Replace('=', '_') + ".html");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
                files.Add(file);
            }

            // One JVM for all pages; --errors-only: warnings (e.g. about the Persian calendar's digits) do not fail it.
            var psi = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-jar", TestTools.VnuJar, "--errors-only", "--format", "json" }.Concat(files)) psi.ArgumentList.Add(a);
            using var vnu = Process.Start(psi)!;
            var stderr = vnu.StandardError.ReadToEndAsync();
            var stdout = await vnu.StandardOutput.ReadToEndAsync();
            await vnu.WaitForExitAsync();
            var json = (await stderr).Trim().Length > 0 ? await stderr : stdout;

            var messages = JsonDocument.Parse(json).RootElement.GetProperty("messages").EnumerateArray()
                .Select(m => $"{Path.GetFileName(m.GetProperty("url").GetString())}:{(m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
                .ToList();
            Assert.True(messages.Count == 0, string.Join("\n", messages.Take(40)));
            Assert.Equal(ConfiguredCultures.All.Count * PageTypes.Length + 3, files.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
