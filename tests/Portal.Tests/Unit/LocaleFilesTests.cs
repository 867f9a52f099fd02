using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: it checks the locales/*.json files. It never opens a database, so the PostgreSQL pass skips it.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class LocaleFilesTests
{
    private static Dictionary<string, string> Load(string culture, string folder = "")
        => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoPaths.Locales, folder, culture + ".json")))!;

    [Fact]
    public void TheEditorSpeaksDutchAndEnglishWithTheSameKeys()
    {
        var nl = Load("nl", "editor");
        var en = Load("en", "editor");
        Assert.Equal(nl.Keys.Order(), en.Keys.Order());
        Assert.All(nl.Keys, k => Assert.StartsWith("editor.", k));
    }

    public static TheoryData<string> Translations() => ConfiguredCultures.Theory(ConfiguredCultures.Translations);

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryKeyOfTheSourceLocaleExistsInEveryLocaleFile(string culture)
    {
        var source = Load(ConfiguredCultures.Source);
        var translated = Load(culture);
        Assert.Empty(source.Keys.Except(translated.Keys));
        Assert.Empty(translated.Keys.Except(source.Keys)); // a stray key is a typo or a leftover
        Assert.All(translated, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"{culture}.json: '{kv.Key}' is empty"));
    }

    [Fact]
    public void EveryStringTheViewsUseExistsInTheSourceLocale()
    {
        var source = Load("nl").Concat(Load("nl", "editor")).ToDictionary();
        var pages = Path.Combine(RepoPaths.Root, "src", "Portal", "Pages");
        var used = Directory.EnumerateFiles(pages, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"T\[""([a-z0-9.\-]*[a-z0-9])""\]|""(editor\.[a-z0-9.\-]*[a-z0-9])""").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .Distinct();
        Assert.DoesNotContain(used, k => !source.ContainsKey(k));
    }
}
