using System.Text.RegularExpressions;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: it reads README.md and docs/. It never opens a database, so the PostgreSQL pass skips it.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public partial class DocumentationTests
{
    /// <summary>The README is a newcomer's page; everything longer belongs in docs/.</summary>
    private const int ReadmeMaxBytes = 8 * 1024;

    [Fact]
    public void TheReadmeIsAtMost8Kb()
    {
        var size = new FileInfo(Path.Combine(RepoPaths.Root, "README.md")).Length;
        Assert.True(size <= ReadmeMaxBytes, $"README.md is {size} bytes; at most {ReadmeMaxBytes}. Move detail to docs/.");
    }

    public static TheoryData<string> MarkdownFiles()
    {
        var files = new TheoryData<string> { "README.md", "content/README.md" };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            files.Add(Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'));
        return files;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void EveryRelativeLinkPointsAtAFileThatExists(string file)
    {
        var path = Path.Combine(RepoPaths.Root, file);
        var folder = Path.GetDirectoryName(path)!;
        var broken = RelativeLinks(File.ReadAllText(path))
            .Where(link => !File.Exists(Path.Combine(folder, Uri.UnescapeDataString(link))))
            .ToList();
        Assert.True(broken.Count == 0, $"{file} links to files that do not exist: {string.Join(", ", broken)}");
    }

    [Fact]
    public void LinksAreFoundOutsideCodeOnlyAndWithoutAnchors()
    {
        var markdown = """
            See [the guide](docs/guide.md#start), [a site](https://example.org), [mail](mailto:a@example.org),
            [here](#configuration) and ![an image](img/logo.svg "Logo").
            `[not a link](inline.md)`
            ```bash
            echo "[not a link](fenced.md)"
            ```
            """;
        Assert.Equal(new[] { "docs/guide.md", "img/logo.svg" }, RelativeLinks(markdown));
    }

    /// <summary>
    /// Targets of inline links and images that point into the repository: without #anchors, and leaving out web and
    /// mail addresses, links within the same page, and anything inside fenced or inline code.
    /// </summary>
    private static List<string> RelativeLinks(string markdown)
    {
        var prose = InlineCode().Replace(FencedCode().Replace(markdown, ""), "");
        return InlineLink().Matches(prose)
            .Select(m => m.Groups["target"].Value.Trim('<', '>'))
            .Where(t => !Regex.IsMatch(t, "^(https?|mailto):", RegexOptions.IgnoreCase))
            .Select(t => t.Split('#')[0])
            .Where(t => t.Length > 0)
            .ToList();
    }

    [GeneratedRegex(@"^ *(```|~~~).*?^ *\1", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target><[^>]*>|[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();
}
