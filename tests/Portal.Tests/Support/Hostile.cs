using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Portal.Tests.Support;

/// <summary>
/// FsCheck generators of what an attacker or a broken script sends: text from every Unicode plane, lone surrogates,
/// right-to-left marks, control characters, markup, empty, blank and huge values, nulls and JSON of the wrong type.
/// </summary>
public static class Hostile
{
    private static Gen<string> Code(int from, int to) => Gen.Choose(from, to).Select(c => ((char)c).ToString());

    /// <summary>Text an editor could mean: any plane, right-to-left marks, markup.</summary>
    private static readonly Gen<string> CleanPiece = Gen.Frequency(
        (6, Gen.Elements("Guinée", "Conakry", "a", " ", "1", "-")),
        (2, Gen.Elements("\u200F", "\u200E", "\u202E", "\u2067", "\u061C", "ایران", "العراق", "کوردی")), // right-to-left
        (2, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)),  // every other plane
        (2, Code(0x20, 0xFFFF).Where(s => !char.IsSurrogate(s[0]) && !char.IsControl(s[0]))), // anywhere in the first plane
        (1, Gen.Elements("\uFEFF", "\u00AD", "\u2028")),
        (2, Gen.Elements("<script>alert(1)</script>", "]]>", "&amp;", "&#0;", "&#x1;", "\"", "'", "<!--", "*[x](javascript:alert(1))*", "---", "{{", "%00")));

    /// <summary>Adds what no editor means: C0 and C1 controls (NUL included), DEL, lone surrogates, noncharacters.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (8, CleanPiece),
        (2, Code(0x00, 0x1F)),
        (1, Gen.Elements("\u007F", "\u0085", "\u009B", "\uFFFE", "\uFFFF")),
        (1, Code(0xD800, 0xDFFF)));

    /// <summary>A text: half of them clean, the rest hostile; sometimes empty, blank or huge.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (24, Gen.NonEmptyListOf(CleanPiece).Select(p => string.Concat(p))),
        (6, Gen.ListOf(Piece).Select(p => string.Concat(p))),
        (1, Gen.Constant("")),
        (1, Gen.Elements(" ", "\t\n ", "\u00A0\u3000")),
        (1, Gen.Elements(70_000, 1_100_000).SelectMany(n => Piece.Select(p => string.Concat(Enumerable.Repeat(p, n / p.Length))))));

    /// <summary>A JSON value where a string belongs: mostly a string, sometimes null or another type.</summary>
    public static readonly Gen<JsonNode?> Value = Gen.Frequency(
        (20, Text.Select(t => (JsonNode?)JsonValue.Create(t))),
        (1, Gen.Constant<JsonNode?>(null)),
        (1, Gen.Elements<Func<JsonNode?>>(() => 42, () => -1.5e308, () => true, () => new JsonArray("a", 1), () => new JsonObject { ["x"] = "y" }).Select(f => f())));

    private static readonly Gen<string> DraftKey = Gen.Frequency(
        (6, Gen.Elements("title", "summary", "body", "changeNote")), (1, Gen.Elements("isMajor", "fields", "humanReviewed")));

    public static readonly Gen<HostileDraft> Drafts =
        from changes in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(from key in DraftKey from value in Value select (key, value), n))
        from fieldChanges in Gen.Frequency((3, Gen.Constant(Array.Empty<(int, JsonNode?)>())),
            (1, Gen.ListOf(from index in Gen.Choose(0, 20) from value in Value select (index, value)).Select(l => l.ToArray())))
        from brokenByte in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new HostileDraft(changes, fieldChanges, brokenByte);

    public static readonly Gen<HostileFile> Files =
        from title in Text
        from summary in Text
        from note in Text
        from body in Text
        from quoted in Gen.Frequency((8, Gen.Constant(true)), (1, Gen.Constant(false)))
        from brokenByte in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new HostileFile(title, summary, note, body, quoted, brokenByte);

    /// <summary>Keeps a failure message readable: controls and surrogates as escapes, long texts cut.</summary>
    public static string Show(string? text) => text is null ? "null"
        : JsonSerializer.Serialize(text.Length > 80 ? text[..80] + $"…({text.Length})" : text, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
}

/// <summary>Changes to a draft that the API's GET returned: top-level keys, values of its fields, and maybe one invalid UTF-8 byte.</summary>
public sealed record HostileDraft((string Key, JsonNode? Value)[] Changes, (int Index, JsonNode? Value)[] FieldChanges, bool BrokenByte)
{
    public byte[] Apply(JsonObject draft)
    {
        foreach (var (key, value) in Changes) draft[key] = value?.DeepClone();
        if (draft["fields"] is JsonObject fields)
        {
            var names = fields.Select(f => f.Key).Where(k => k != "$kind").ToArray();
            foreach (var (index, value) in FieldChanges)
                if (names.Length > 0) fields[names[index % names.Length]] = value?.DeepClone();
        }
        var bytes = Encoding.UTF8.GetBytes(draft.ToJsonString());
        if (BrokenByte)
        {
            var at = Array.IndexOf(bytes, (byte)':') + 3; // inside the first string value
            if (at > 2 && at < bytes.Length) bytes[at] = 0xFF;
        }
        return bytes;
    }

    public override string ToString() => string.Join(", ", Changes.Select(c => $"{c.Key}={Hostile.Show(c.Value?.ToJsonString())}"))
        + " fields: " + string.Join(", ", FieldChanges.Select(c => $"#{c.Index}={Hostile.Show(c.Value?.ToJsonString())}")) + (BrokenByte ? " +0xFF" : "");
}

/// <summary>A content file's title, summary, change note and body, as YAML double-quoted escapes or as they are.</summary>
public sealed record HostileFile(string Title, string Summary, string ChangeNote, string Body, bool Quoted, bool BrokenByte)
{
    public byte[] Bytes(string original)
    {
        string Yaml(string s) => Quoted ? JsonSerializer.Serialize(s) : s;
        var lines = original.Split('\n');
        var end = Array.IndexOf(lines, "---", 1);
        var front = lines[..end].Select(l =>
            l.StartsWith("title: ") ? "title: " + Yaml(Title)
            : l.StartsWith("summary: ") ? "summary: " + Yaml(Summary)
            : l.StartsWith("change_note: ") ? "change_note: " + Yaml(ChangeNote) : l);
        var text = string.Join('\n', front) + "\n---\n\n" + Body;
        var bytes = Encoding.UTF8.GetBytes(text);
        if (BrokenByte) bytes[^Math.Min(bytes.Length, Body.Length / 2 + 1)] = 0xC3;
        return bytes;
    }

    public override string ToString() => $"title={Hostile.Show(Title)} summary={Hostile.Show(Summary)} note={Hostile.Show(ChangeNote)} body={Hostile.Show(Body)} quoted={Quoted}{(BrokenByte ? " +0xC3" : "")}";
}
