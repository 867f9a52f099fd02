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
    /// <summary>
    /// Starts Portal.dll from the test binaries' folder, like a published app. That folder has no wwwroot (the tests'
    /// in-process apps use src/Portal's), so unless told otherwise this points it at src/Portal's.
    /// </summary>
    private static Task<(int Code, string Output, string Error)> StartAsync(Dictionary<string, string> env, bool withWebRoot = true)
    {
        if (withWebRoot) env["ASPNETCORE_WEBROOT"] = Path.Combine(RepoPaths.Root, "src", "Portal", "wwwroot");
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        env["Portal__Database__Provider"] = "Sqlite";
        env["Portal__Database__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"portal-{Guid.NewGuid():N}.db")}";
        return ProviderSettingTests.RunPortalAsync(env);
    }

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
        var run = await StartAsync(new() { [added] = "tr" });
        AssertRefused(run, Path.Combine(RepoPaths.Locales, "tr.json"));
        Assert.Contains("site.name", run.Error); // says what readers would have seen
    }

    [Fact]
    public async Task AMissingLocalesFolderStopsTheStartAndNamesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-locales-" + Guid.NewGuid().ToString("N"));
        AssertRefused(await StartAsync(new() { ["Portal__LocalesPath"] = missing }), missing);
    }

    [Fact]
    public async Task AnAppWithoutWwwrootStopsTheStartAndNamesIt()
        => AssertRefused(await StartAsync(new(), withWebRoot: false), Path.Combine(AppContext.BaseDirectory, "wwwroot"));

    /// <summary>The commands need neither: `validate` runs from the test binaries' folder, which has no wwwroot.</summary>
    [Fact]
    public async Task ACommandRunsWithoutWwwroot()
    {
        var (code, output, error) = await ProviderSettingTests.RunPortalAsync(new Dictionary<string, string>(), "validate");
        Assert.True(code == 0, output + error);
    }
}
