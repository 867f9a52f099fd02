using System.Buffers.Binary;
using System.Text;

namespace Portal.Media;

/// <summary>
/// Finds metadata in an image file without decoding it: what import refuses, since it keeps a stored file's bytes as they
/// are instead of re-encoding them as an upload does. Walks the container's own structure (JPEG segments, PNG chunks,
/// WebP's RIFF chunks); a file the portal stored has none of these, so an exported file always passes.
/// </summary>
public static class ImageMetadata
{
    /// <summary>What the file carries (for the message), or null when it carries no metadata.</summary>
    /// <param name="format">"jpeg", "png" or "webp", as its bytes said.</param>
    public static string? Find(ReadOnlySpan<byte> b, string format) => format switch
    {
        "jpeg" => InJpeg(b),
        "png" => InPng(b),
        _ => InWebp(b),
    };

    private static string? InJpeg(ReadOnlySpan<byte> b)
    {
        var at = 2; // after SOI
        while (at + 4 <= b.Length)
        {
            if (b[at] != 0xFF) return null; // not a marker: the decoder will judge the damage
            var marker = b[at + 1];
            if (marker == 0xFF) { at++; continue; } // fill byte
            if (marker == 0xDA || marker == 0xD9) return null; // the scan (pixels) starts: no more header segments
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) { at += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(at + 2)..]);
            switch (marker)
            {
                case 0xE1: return "EXIF or XMP";
                case 0xE2: return "ICC profile";
                case 0xED: return "IPTC";
                case 0xFE: return "comment";
                case >= 0xE3 and <= 0xEF: return $"APP{marker - 0xE0}";
            }
            at += 2 + length;
        }
        return null;
    }

    private static readonly HashSet<string> PngMetadata = ["eXIf", "tEXt", "zTXt", "iTXt", "iCCP", "tIME"];

    private static string? InPng(ReadOnlySpan<byte> b)
    {
        for (var at = 8; at + 8 <= b.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
            var type = Encoding.ASCII.GetString(b.Slice(at + 4, 4));
            if (PngMetadata.Contains(type)) return $"PNG {type}";
            if (type == "IEND" || length > int.MaxValue - 12) return null;
            at += 12 + (int)length;
        }
        return null;
    }

    private static string? InWebp(ReadOnlySpan<byte> b)
    {
        for (var at = 12; at + 8 <= b.Length;)
        {
            var type = Encoding.ASCII.GetString(b.Slice(at, 4));
            if (type is "EXIF" or "XMP " or "ICCP") return $"WebP {type.Trim()}";
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b[(at + 4)..]);
            if (size > int.MaxValue - 9) return null;
            at += 8 + (int)size + (int)(size & 1);
        }
        return null;
    }
}
