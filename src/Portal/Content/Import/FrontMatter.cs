using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Content.Import;

/// <summary>A problem in a content file, reported as "path:line: message" like a compiler.</summary>
public sealed record ContentProblem(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}

/// <summary>Splits a content file into its YAML front matter (kept as nodes, so every value knows its line) and Markdown body.</summary>
public sealed class FrontMatter
{
    private readonly YamlMappingNode _map;
    private readonly string _path;
    private readonly List<ContentProblem> _problems;

    /// <summary>What turns a YAML line (1-based) into the file's: 1 after a content file's opening "---", 0 in a plain YAML file.</summary>
    private readonly int _offset;

    private FrontMatter(YamlMappingNode map, string path, List<ContentProblem> problems, string body, int bodyLine, int offset = 1)
    {
        _offset = offset;
        BodyLine = bodyLine;
        _map = map;
        _path = path;
        _problems = problems;
        Body = body;
    }

    public string Body { get; }

    /// <summary>The file's line where the body starts (after the closing "---").</summary>
    public int BodyLine { get; }

    /// <summary>Line of the opening "---", where a missing field is reported.</summary>
    public const int HeaderLine = 1;

    public static FrontMatter? Parse(string path, string text, List<ContentProblem> problems)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            problems.Add(new(path, 1, "the file must start with a '---' line opening the YAML front matter"));
            return null;
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            problems.Add(new(path, 1, "the front matter is not closed by a '---' line"));
            return null;
        }
        return Load(path, string.Join('\n', lines[1..end]), problems, string.Join('\n', lines[(end + 1)..]).Trim('\n'), end + 2, offset: 1);
    }

    /// <summary>A whole file of YAML (a media item's media.yaml), read with the same rules and line numbers.</summary>
    public static FrontMatter? ParseYaml(string path, string text, List<ContentProblem> problems)
        => Load(path, text.Replace("\r\n", "\n"), problems, "", 0, offset: 0);

    private static FrontMatter? Load(string path, string yaml, List<ContentProblem> problems, string body, int bodyLine, int offset)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // YAML lines are 1-based within the block, which starts on file line 2.
            problems.Add(new(path, (int)ex.Start.Line + offset, $"broken front matter: {FirstLine(ex.Message)}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, on some plain scalars (a '{{' after a line break).
            problems.Add(new(path, 1 + offset, "broken front matter: a value could not be read; put it in double quotes"));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            problems.Add(new(path, 1 + offset, "the front matter must be a YAML mapping of 'field: value' lines"));
            return null;
        }
        // A tag (!!binary, !!str, !custom) changes what a value means; a field would be stored as, say, base64 text.
        if (stream.Documents[0].AllNodes.FirstOrDefault(n => !n.Tag.IsEmpty) is { } tagged)
        {
            problems.Add(new(path, (int)tagged.Start.Line + offset, $"YAML tags such as '{tagged.Tag}' are not allowed: write the value as plain text"));
            return null;
        }
        return new FrontMatter(map, path, problems, body, bodyLine, offset);
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    public int LineOf(string field) => Node(field) is { } n ? (int)n.Start.Line + _offset : HeaderLine;

    public bool Has(string field) => Node(field) is not null;

    /// <summary>
    /// The line of a <see cref="FieldValidation"/> path (<c>fields.counsellors[1].email</c> is <c>counsellors</c>' second
    /// entry's <c>email</c>), or of the nearest part of it that the file has; the body's problems are on its first line.
    /// </summary>
    public int LineOfPath(string path)
    {
        if (path == "body") return BodyLine;
        YamlNode node = _map;
        var line = HeaderLine;
        foreach (var segment in path.Split('.').SkipWhile(s => s == "fields"))
        {
            var bracket = segment.IndexOf('[');
            var name = YamlName(bracket < 0 ? segment : segment[..bracket]);
            if (name.Length == 0) continue; // consent.covers.languages is consent.languages in a file
            if (node is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode(name), out var child)) break;
            node = child;
            line = (int)node.Start.Line + _offset;
            if (bracket >= 0 && node is YamlSequenceNode seq && int.TryParse(segment[(bracket + 1)..^1], out var i) && i < seq.Children.Count)
            {
                node = seq.Children[i];
                line = (int)node.Start.Line + _offset;
            }
        }
        return line;
    }

    // A path's name as front matter spells it: changeNote is change_note, countryCode is country.
    private static string YamlName(string name) => name switch
    {
        "countryCode" => "country",
        "guideKey" => "guide",
        "covers" => "",
        _ => string.Concat(name.Select(c => char.IsAsciiLetterUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString())),
    };

    private YamlNode? Node(string field) => _map.Children.TryGetValue(new YamlScalarNode(field), out var n) ? n : null;

    public string? String(string field, bool required = false, YamlMappingNode? within = null, string? prefix = null)
    {
        var node = within is null ? Node(field) : within.Children.TryGetValue(new YamlScalarNode(field), out var n) ? n : null;
        var name = prefix is null ? field : $"{prefix}.{field}";
        if (node is null || node is YamlScalarNode { Value: null or "" })
        {
            if (required) Problem(within is null ? HeaderLine : (int)within.Start.Line + _offset, $"missing required field '{name}'");
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            Problem(node, $"'{name}' must be a single value");
            return null;
        }
        return scalar.Value!.Trim();
    }

    public DateOnly? Date(string field, bool required = false, YamlMappingNode? within = null, string? prefix = null)
    {
        var value = String(field, required, within, prefix);
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d)) return d;
        Problem(NodeIn(field, within), $"'{(prefix is null ? field : prefix + "." + field)}' must be a date written as YYYY-MM-DD, not '{value}'");
        return null;
    }

    public int? Int(string field, bool required = false, YamlMappingNode? within = null)
    {
        var value = String(field, required, within);
        if (value is null) return null;
        if (int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i)) return i;
        Problem(NodeIn(field, within), $"'{field}' must be a whole number, not '{value}'");
        return null;
    }

    public bool? Bool(string field)
    {
        var value = String(field);
        if (value is null) return null;
        if (bool.TryParse(value, out var b)) return b;
        Problem(Node(field), $"'{field}' must be true or false, not '{value}'");
        return null;
    }

    public YamlMappingNode? Mapping(string field, bool required = false, YamlMappingNode? within = null)
    {
        var node = NodeIn(field, within);
        if (node is null)
        {
            if (required) Problem(HeaderLine, $"missing required field '{field}'");
            return null;
        }
        if (node is YamlMappingNode m) return m;
        Problem(node, $"'{field}' must be a mapping of 'name: value' pairs");
        return null;
    }

    public IReadOnlyList<YamlNode> Sequence(string field, YamlMappingNode? within = null)
    {
        var node = NodeIn(field, within);
        switch (node)
        {
            case null:
            case YamlScalarNode { Value: null or "" }:
                return [];
            case YamlSequenceNode seq:
                return seq.Children.ToList();
            default:
                Problem(node, $"'{field}' must be a list");
                return [];
        }
    }

    private YamlNode? NodeIn(string field, YamlMappingNode? within)
        => within is null ? Node(field) : within.Children.TryGetValue(new YamlScalarNode(field), out var n) ? n : null;

    public IEnumerable<string> Fields => _map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public void Problem(YamlNode? node, string message) => Problem(node is null ? HeaderLine : (int)node.Start.Line + _offset, message);

    public void Problem(int line, string message) => _problems.Add(new(_path, line, message));
}
