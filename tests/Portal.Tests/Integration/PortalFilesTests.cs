using Portal.Tests.Support;

namespace Portal.Tests.Integration;

// No database: the process stops before opening one.
/// <summary>
/// A start without the portal's own files (Operations/PortalFiles.cs) is refused with one line that names the file,
/// rather than serving pages that show keys such as site.name: the real process, as an operator starts it.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class PortalFilesTests
{
    /// <summary>Starts Portal.dll with the test settings changed by <paramref name="change"/>.</summary>
    private static Task<(int Code, string Output, string Error)> StartAsync(Action<Dictionary<string, string?>> change, params string[] args)
    {
        var settings = PortalProcess.Settings();
        change(settings);
        return PortalProcess.RunAsync(settings, args);
    }

    /// <summary>The test binaries' folder, like a published app's, without a wwwroot.</summary>
    private static void WithoutWebRoot(Dictionary<string, string?> settings) => settings["ASPNETCORE_WEBROOT"] = null;

    private static void AssertRefused((int Code, string Output, string Error) run, string named)
    {
        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Portal cannot start: {named} is missing", line);
    }

    [Fact]
    public async Task AConfiguredCultureWithoutItsLocaleFileStopsTheStartAndNamesTheFile()
    {
        var added = $"Portal__Cultures__{ConfiguredCultures.All.Count}";
        var run = await StartAsync(s => s[added] = "tr");
        AssertRefused(run, Path.Combine(RepoPaths.Locales, "tr.json"));
        Assert.Contains("site.name", run.Error); // says what readers would have seen
    }

    [Fact]
    public async Task AMissingLocalesFolderStopsTheStartAndNamesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-locales-" + Guid.NewGuid().ToString("N"));
        AssertRefused(await StartAsync(s => s["Portal__LocalesPath"] = missing), missing);
    }

    [Fact]
    public async Task AnAppWithoutWwwrootStopsTheStartAndNamesIt()
        => AssertRefused(await StartAsync(WithoutWebRoot), Path.Combine(AppContext.BaseDirectory, "wwwroot"));

    /// <summary>The commands need neither: `validate` runs from the test binaries' folder, which has no wwwroot.</summary>
    [Fact]
    public async Task ACommandRunsWithoutWwwroot()
    {
        var (code, output, error) = await StartAsync(WithoutWebRoot, "validate");
        Assert.True(code == 0, output + error);
    }
}
