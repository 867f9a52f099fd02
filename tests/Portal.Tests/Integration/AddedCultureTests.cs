using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// Both providers: the pages are read from the app's database (with the fallback to the source language).
/// <summary>
/// A language added to Portal:Cultures with its locales/{culture}.json: every reader page type answers in it, its
/// content falling back to the source language until it is translated. (Without the file the portal does not start:
/// <see cref="PortalFilesTests"/>.)
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class AddedCultureTests(AddedCultureTests.Application app) : IClassFixture<AddedCultureTests.Application>
{
    public const string Added = "de";

    /// <summary>The portal with a seventh language configured, and its UI strings in a scratch copy of locales/.</summary>
    public sealed class Application : PortalApplication
    {
        public string Locales { get; } = CopyLocales();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting($"Portal:Cultures:{ConfiguredCultures.All.Count}", Added);
            builder.UseSetting("Portal:LocalesPath", Locales);
        }

        /// <summary>locales/ plus de.json, a copy of the English strings (a translator's starting point).</summary>
        private static string CopyLocales()
        {
            var target = Directory.CreateTempSubdirectory("portal-locales").FullName;
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Locales, "*.json", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(target, Path.GetRelativePath(RepoPaths.Locales, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            File.Copy(Path.Combine(RepoPaths.Locales, "en.json"), Path.Combine(target, Added + ".json"));
            return target;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(Locales)) Directory.Delete(Locales, recursive: true); // DisposeAsync disposes too
        }
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/countries/guinea", HttpStatusCode.OK)]
    [InlineData("/countries/guinea/safety", HttpStatusCode.OK)]
    [InlineData("/support-points", HttpStatusCode.OK)]
    [InlineData("/stories/mazan", HttpStatusCode.OK)]
    [InlineData("/about", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task EveryReaderPageTypeAnswersInTheAddedLanguage(string path, HttpStatusCode status)
    {
        using var client = app.CreateReaderClient();
        using var response = await client.GetAsync($"/{Added}{path}");
        Assert.Equal(status, response.StatusCode);
        var doc = await Html.GetDocumentAsync(response);
        Assert.Equal(Added, doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", doc.DocumentElement.GetAttribute("dir"));
        Assert.DoesNotContain("site.name", doc.DocumentElement.OuterHtml); // the UI strings came from de.json
        Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector("h1")?.TextContent));
    }

    [Fact]
    public async Task ItsContentFallsBackToTheSourceLanguageUntilTranslated()
    {
        using var client = app.CreateReaderClient();
        var added = await client.GetDocumentAsync($"/{Added}/countries/guinea");
        var source = await client.GetDocumentAsync($"/{ConfiguredCultures.Source}/countries/guinea");
        Assert.Equal(source.QuerySelector("h1")!.TextContent, added.QuerySelector("h1")!.TextContent);
        Assert.Equal(ConfiguredCultures.Source, added.QuerySelector("h1")!.Closest("[lang]")!.GetAttribute("lang"));
    }
}
