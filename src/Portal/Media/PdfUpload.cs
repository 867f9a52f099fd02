using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Portal.Media;

/// <param name="MetadataFields">The author or editing metadata it carries (Info dictionary keys, "XMP"): a warning, not a refusal.</param>
public sealed record CheckedDocument(byte[] Bytes, IReadOnlyList<string> MetadataFields)
{
    /// <summary>Hashed once, when checked: the store, the revision and the audit all ask for it.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));
}

/// <summary>
/// Checks an uploaded PDF by its bytes: the <c>%PDF-</c> header, the <c>%%EOF</c> trailer, a document PdfPig can open with
/// at least one page, and nothing that acts when it is opened (a script, a launch action, an embedded file). The file is
/// stored as uploaded (a PDF cannot be re-made as an image can), so its metadata is named for the editor instead.
/// Active content is looked for twice: in the raw bytes (names written plainly or with #-escapes) and in every object
/// PdfPig resolves, which includes those packed in compressed object streams that a byte scan cannot read.
/// </summary>
public static class PdfUpload
{
    /// <summary>What a PDF may hold that acts on the reader's phone; refused wherever it appears.</summary>
    private static readonly HashSet<string> ActiveNames = new(StringComparer.Ordinal) { "JS", "JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia" };

    public static (CheckedDocument? Document, Refusal? Refusal) Check(byte[] bytes) => Check(bytes, MediaLimits.MaxDocumentCheckTime);

    /// <param name="budget">How long reading it may take (<see cref="MediaLimits.MaxDocumentCheckTime"/>; a test gives less).</param>
    internal static (CheckedDocument? Document, Refusal? Refusal) Check(byte[] bytes, TimeSpan budget)
    {
        if (bytes.Length == 0) return (null, new("editor.media.refused-empty"));
        if (bytes.Length > MediaLimits.MaxDocumentBytes) return (null, new("editor.media.pdf-too-large", MediaLimits.MaxDocumentBytes / (1024 * 1024)));
        if (!bytes.AsSpan().StartsWith("%PDF-"u8)) return (null, new(Describe(bytes)));
        if (bytes.AsSpan(Math.Max(0, bytes.Length - 1024)).LastIndexOf("%%EOF"u8) < 0) return (null, new("editor.media.pdf-truncated"));
        if (ActiveName(bytes) is { } raw) return (null, new("editor.media.pdf-active", raw));

        // PdfPig takes no cancellation: it reads on another thread, which stops at its next object once the budget is
        // spent; the request stops waiting then, refused, even if PdfPig is inside a part of its own parsing that cannot stop.
        var timeout = new CancellationTokenSource(budget);
        var reading = Task.Run(() => Read(bytes, timeout.Token));
        try
        {
            if (reading.Wait(budget))
            {
                timeout.Dispose();
                return reading.Result;
            }
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException) { }
        timeout.Cancel();
        return (null, new("editor.media.pdf-too-slow", (int)Math.Ceiling(budget.TotalSeconds)));
    }

    private static (CheckedDocument? Document, Refusal? Refusal) Read(byte[] bytes, CancellationToken stop)
    {
        try
        {
            stop.ThrowIfCancellationRequested();
            using var document = PdfDocument.Open(bytes);
            if (document.IsEncrypted) return (null, new("editor.media.pdf-encrypted"));
            if (document.NumberOfPages < 1) return (null, new("editor.media.pdf-damaged"));
            if (ActiveObject(document, stop) is { } found) return (null, new("editor.media.pdf-active", found));
            stop.ThrowIfCancellationRequested();
            return (new CheckedDocument(bytes, MetadataFields(document)), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // PdfPig throws its own types (and, on crafted input, others): every one of them means "cannot be read".
            return (null, new(ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase) ? "editor.media.pdf-encrypted" : "editor.media.pdf-damaged"));
        }
    }

    /// <summary>Names what a file that is not a PDF is, when an editor may have renamed it.</summary>
    private static string Describe(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)))
            return "editor.media.pdf-is-image";
        var head = Encoding.UTF8.GetString(b[..Math.Min(b.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') ? "editor.media.pdf-is-markup" : "editor.media.pdf-not-pdf";
    }

    /// <summary>The first active name written in the file's bytes, its #-escapes decoded (<c>/J#53</c> is <c>/JS</c>).</summary>
    internal static string? ActiveName(ReadOnlySpan<byte> b)
    {
        var name = new StringBuilder();
        for (var i = b.IndexOf((byte)'/'); i >= 0 && i < b.Length; i++)
        {
            if (b[i] != '/') continue;
            name.Clear();
            var j = i + 1;
            for (; j < b.Length && !IsDelimiter(b[j]) && name.Length <= 16; j++)
            {
                if (b[j] == '#' && j + 2 < b.Length && Uri.IsHexDigit((char)b[j + 1]) && Uri.IsHexDigit((char)b[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(b.Slice(j + 1, 2)), 16));
                    j += 2;
                }
                else name.Append((char)b[j]);
            }
            if (ActiveNames.Contains(name.ToString())) return name.ToString();
            i = j - 1;
        }
        return null;
    }

    private static bool IsDelimiter(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32 or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'['
        or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static string? ActiveObject(PdfDocument document, CancellationToken stop)
    {
        foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            stop.ThrowIfCancellationRequested();
            IToken token;
            try { token = document.Structure.GetObject(reference).Data; }
            catch (Exception ex) when (ex is not OutOfMemoryException) { continue; } // a broken object: the byte scan has seen its bytes
            if (Active(token, 0) is { } found) return found;
        }
        return null;
    }

    private static string? Active(IToken token, int depth)
    {
        if (depth > 32) return null;
        switch (token)
        {
            case NameToken n when ActiveNames.Contains(n.Data):
                return n.Data;
            case DictionaryToken d:
                foreach (var (key, value) in d.Data)
                    if (ActiveNames.Contains(key)) return key;
                    else if (Active(value, depth + 1) is { } inner) return inner;
                return null;
            case ArrayToken a:
                foreach (var item in a.Data)
                    if (Active(item, depth + 1) is { } inner) return inner;
                return null;
            case StreamToken s:
                return Active(s.StreamDictionary, depth + 1);
            default:
                return null;
        }
    }

    /// <summary>The Info dictionary's keys that carry a value, then "XMP" when there is an XMP packet.</summary>
    private static List<string> MetadataFields(PdfDocument document)
    {
        var fields = new List<string>();
        if (document.Information.DocumentInformationDictionary is { } info)
            foreach (var (key, value) in info.Data)
                if (value is not StringToken { Data.Length: 0 } and not HexToken { Data.Length: 0 }) fields.Add(key);
        if (document.TryGetXmpMetadata(out _)) fields.Add("XMP");
        return fields;
    }
}
