using Portal.Content.Import;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: the validator reads Markdown files only. It never opens a database, so the PostgreSQL pass skips it.
/// <summary>`validate` names the file and line of each problem, like a compiler, so an editor can fix it.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class ContentValidatorTests : IDisposable
{
    private readonly string _folder = RepoPaths.CopyContent();
    private readonly ContentValidator _validator = new(ConfiguredCultures.Options);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Display(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);

    private IReadOnlyList<ContentProblem> Problems() => _validator.Validate(_folder).Problems;

    [Fact]
    public void TheShippedContentHasNoProblems()
    {
        var (files, problems) = _validator.Validate(RepoPaths.Content);
        Assert.Empty(problems);
        Assert.Equal(14 * 6, files.Count);
    }

    [Fact]
    public void BrokenFrontMatterIsReportedAtItsLine()
    {
        var path = Write("pages/broken.nl.md", "---\nkind: page\nkey: broken\ntitle: \"unterminated\nsummary: x\n---\nBody");
        var p = Assert.Single(Problems());
        Assert.Equal(Display(path), p.Path);
        Assert.InRange(p.Line, 4, 6);
        Assert.Contains("broken front matter", p.Message);
        Assert.Matches(@"^.+\.md:\d+: ", p.ToString());
    }

    [Fact]
    public void AFileWithoutFrontMatterIsReportedAtLineOne()
    {
        var path = Write("pages/plain.nl.md", "Just text");
        var p = Assert.Single(Problems());
        Assert.Equal((Display(path), 1), (p.Path, p.Line));
    }

    [Fact]
    public void UnknownKindIsReportedAtTheKindLine()
    {
        var path = Write("pages/odd.nl.md", "---\ntitle: Odd\nkind: blogpost\nkey: odd\nsummary: s\nupdated: 2026-11-28\nchange_note: n\n---\nBody");
        var p = Assert.Single(Problems());
        Assert.Equal((Display(path), 3), (p.Path, p.Line));
        Assert.Contains("unknown kind 'blogpost'", p.Message);
    }

    [Fact]
    public void MissingRequiredFieldIsNamed()
    {
        var path = Write("pages/untitled.nl.md", "---\nkind: page\nkey: untitled\nsummary: s\nupdated: 2026-11-28\nchange_note: n\n---\nBody");
        var p = Assert.Single(Problems());
        Assert.Equal((Display(path), 1), (p.Path, p.Line));
        Assert.Contains("missing required field 'title'", p.Message);
    }

    [Fact]
    public void MissingNestedSafetyFieldIsNamedWithItsDimension()
    {
        var file = Path.Combine(_folder, "safety", "guinea-safety.nl.md");
        var text = File.ReadAllText(file);
        var start = text.IndexOf("  level:", text.IndexOf("physical:", StringComparison.Ordinal), StringComparison.Ordinal);
        File.WriteAllText(file, text.Remove(start, text.IndexOf('\n', start) - start + 1));
        var p = Assert.Single(Problems());
        Assert.Contains("missing required field 'physical.level'", p.Message);
        Assert.EndsWith("guinea-safety.nl.md", p.Path);
    }

    [Fact]
    public void DuplicateSlugIsReportedOnTheSecondFilesSlugLine()
    {
        var path = Write("pages/copy.nl.md", "---\nkind: page\nkey: copy\nslug: about\ntitle: Copy\nsummary: s\nupdated: 2026-11-28\nchange_note: n\n---\nBody");
        var p = Assert.Single(Problems());
        Assert.Equal((Display(path), 4), (p.Path, p.Line));
        Assert.Contains("duplicate slug 'about'", p.Message);
    }

    [Fact]
    public void UnknownLanguageIsReported()
    {
        var path = Write("pages/about.xx.md", File.ReadAllText(Path.Combine(_folder, "pages", "about.en.md")).Replace("culture: en", "culture: xx"));
        var p = Assert.Single(Problems());
        Assert.Equal((Display(path), 1), (p.Path, p.Line));
        Assert.Contains("unknown language 'xx'", p.Message);
    }

    [Fact]
    public void BadDateAndTranslationWithoutSourceAreReported()
    {
        var bad = Write("pages/late.nl.md", "---\nkind: page\nkey: late\ntitle: Late\nsummary: s\nupdated: 28-11-2026\nchange_note: n\n---\nBody");
        var orphan = Write("pages/orphan.en.md", "---\nkind: page\nkey: orphan\ntitle: Orphan\nsummary: s\nupdated: 2026-11-28\nchange_note: n\ntranslated_from: 1\n---\nBody");
        var problems = Problems();
        Assert.Contains(problems, p => p.Path == Display(bad) && p.Line == 6 && p.Message.Contains("YYYY-MM-DD"));
        Assert.Contains(problems, p => p.Path == Display(orphan) && p.Message.Contains("no orphan.nl.md"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
