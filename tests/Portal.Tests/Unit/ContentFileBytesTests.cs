using System.Text;
using Portal.Content.Import;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: the validator reads files only.
/// <summary>
/// What `validate` and `import` refuse before reading a field: bytes that are not UTF-8 (they would be stored as
/// U+FFFD), YAML tags such as !!binary (a value stored as base64 text), a file over the 1 MB limit; each with its file and line.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class ContentFileBytesTests : IDisposable
{
    private readonly string _folder = RepoPaths.CopyContent();
    private readonly ContentValidator _validator = new(ConfiguredCultures.Options);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, "pages", name);
        File.WriteAllBytes(path, bytes);
        return Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
    }

    private static byte[] Page(string key, string title, string body = "Body")
        => Encoding.UTF8.GetBytes($"---\nkind: page\nkey: {key}\ntitle: {title}\nsummary: s\nupdated: 2026-11-28\nchange_note: n\n---\n{body}\n");

    [Fact]
    public void InvalidUtf8IsRefusedAtItsLine()
    {
        var bytes = Page("latin", "Caf\u00e9", "First line\nSecond line with XX in it");
        var at = Array.LastIndexOf(bytes, (byte)'X');
        bytes[at] = 0xE9; // "é" in Latin-1: not UTF-8
        var path = Write("latin.nl.md", bytes);
        var p = Assert.Single(_validator.Validate(_folder).Problems);
        Assert.Equal((path, 10), (p.Path, p.Line));
        Assert.Contains("not valid UTF-8", p.Message);
    }

    [Fact]
    public void YamlTagsAreRefusedAtTheirLine()
    {
        var path = Write("tagged.nl.md", Page("tagged", "!!binary aGVsbG8="));
        var p = Assert.Single(_validator.Validate(_folder).Problems);
        Assert.Equal((path, 4), (p.Path, p.Line));
        Assert.Contains("YAML tags", p.Message);
    }

    [Fact]
    public void AFileOverTheLimitIsRefused()
    {
        var path = Write("huge.nl.md", Page("huge", "Huge", new string('a', 5 * 1024 * 1024)));
        var p = Assert.Single(_validator.Validate(_folder).Problems);
        Assert.Equal((path, 1), (p.Path, p.Line));
        Assert.Contains("at most 1024 KB", p.Message);
    }

    [Fact]
    public void AByteOrderMarkIsNoProblem()
    {
        Write("marked.nl.md", [0xEF, 0xBB, 0xBF, .. Page("marked", "Marked")]);
        Assert.Empty(_validator.Validate(_folder).Problems);
    }
}
