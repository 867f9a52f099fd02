using System.Buffers.Binary;
using System.Text;

namespace Portal.Media;

/// <param name="Extension">"mp4" or "webm": the ending of its address.</param>
public sealed record CheckedVideo(string ContentType, string Extension, int Width, int Height, string VideoCodec, string? AudioCodec);

/// <summary>
/// Checks an uploaded video by its bytes: the container's structure, read from the file without decoding a frame, and the
/// codec of every track, so that what is stored is something every phone's browser plays. MP4 (ISO-BMFF: <c>ftyp</c>, then
/// <c>moov</c>/<c>trak</c>/<c>mdia</c>/<c>minf</c>/<c>stbl</c>/<c>stsd</c>) with H.264 (<c>avc1</c>/<c>avc3</c>) and AAC
/// (<c>mp4a</c>, MPEG-4 audio); WebM (EBML with DocType <c>webm</c>, <c>Segment</c>/<c>Tracks</c>) with VP8, VP9 or AV1
/// and Opus or Vorbis. The top-level structure must cover the file exactly, so a cut-off file is refused, and only the
/// small index parts (moov, Tracks) are read into memory, never the frames.
/// </summary>
public static class VideoContainer
{
    private const int MaxIndexBytes = 16 * 1024 * 1024; // a moov of a 50 MB film is a few hundred KB

    /// <param name="fileName">The uploaded name: its ending must be the container the bytes are.</param>
    /// <param name="declaredType">The browser's Content-Type, if any: a video/* one must agree too.</param>
    public static (CheckedVideo? Video, Refusal? Refusal) Check(Stream file, string fileName, string? declaredType)
    {
        var length = file.Length;
        if (length == 0) return (null, new("editor.media.refused-empty"));
        if (length > MediaLimits.MaxVideoBytes) return (null, new("editor.media.video-refused-too-large", MediaLimits.MaxVideoBytes / (1024 * 1024)));
        var named = Path.GetExtension(fileName).ToLowerInvariant() switch { ".mp4" or ".m4v" => "mp4", ".webm" => "webm", _ => null };
        if (named is null) return (null, new("editor.media.video-refused-name"));

        Span<byte> head = stackalloc byte[12];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        var actual = head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8) ? "mp4"
            : head.Length >= 4 && head[..4].SequenceEqual((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) ? "webm" : null;
        if (actual is null) return (null, new("editor.media.video-refused-not-video"));
        var declared = declaredType?.Split(';')[0].Trim().ToLowerInvariant() switch { "video/mp4" => "mp4", "video/webm" => "webm", _ => null };
        if (actual != named || (declared is not null && declared != actual))
            return (null, new("editor.media.video-refused-mismatch", $"{fileName} ({declaredType})", actual == "mp4" ? "MP4" : "WebM"));

        try
        {
            file.Position = 0;
            return actual == "mp4" ? Mp4.Check(file, length) : WebM.Check(file, length);
        }
        catch (EndOfStreamException)
        {
            return (null, new("editor.media.video-refused-truncated"));
        }
        catch (FormatException)
        {
            return (null, new("editor.media.video-refused-damaged"));
        }
    }

    private static Refusal Codec(string codec) => new("editor.media.video-refused-codec", codec);

    private static byte[] ReadExactly(Stream s, long offset, long count)
    {
        if (count > MaxIndexBytes) throw new FormatException("index too large");
        s.Position = offset;
        var buffer = new byte[count];
        s.ReadExactly(buffer);
        return buffer;
    }

    private static class Mp4
    {
        public static (CheckedVideo?, Refusal?) Check(Stream s, long length)
        {
            byte[]? moov = null;
            var (sawMdat, first) = (false, true);
            Span<byte> header = stackalloc byte[16];
            for (long at = 0; at < length;)
            {
                if (length - at < 8) throw new EndOfStreamException();
                s.Position = at;
                s.ReadExactly(header[..8]);
                long size = BinaryPrimitives.ReadUInt32BigEndian(header);
                var type = Encoding.ASCII.GetString(header[4..8]);
                var headerSize = 8;
                if (size == 1)
                {
                    s.ReadExactly(header[8..16]);
                    size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                    headerSize = 16;
                }
                else if (size == 0) size = length - at; // the last box runs to the end
                if (size < headerSize) throw new FormatException("box smaller than its header");
                if (at + size > length) throw new EndOfStreamException(); // the file was cut inside this box
                if (first && type != "ftyp") throw new FormatException("no ftyp first");
                first = false;
                if (type == "moov") moov = ReadExactly(s, at + headerSize, size - headerSize);
                if (type == "mdat") sawMdat = true;
                at += size;
            }
            if (moov is null || !sawMdat) return (null, new("editor.media.video-refused-truncated"));

            var (width, height, video, audio) = (0, 0, (string?)null, (string?)null);
            foreach (var trak in Children(moov, "trak"))
            {
                var mdia = Child(trak, "mdia") ?? throw new FormatException("trak without mdia");
                var hdlr = Child(mdia, "hdlr") ?? throw new FormatException("mdia without hdlr");
                if (hdlr.Length < 12) throw new FormatException("short hdlr");
                var handler = Encoding.ASCII.GetString(hdlr, 8, 4);
                var stsd = Child(Child(Child(mdia, "minf") ?? [], "stbl") ?? [], "stsd") ?? throw new FormatException("no stsd");
                if (stsd.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(stsd.AsSpan(4)) != 1) throw new FormatException("not one sample entry");
                var entrySize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(stsd.AsSpan(8)), (uint)stsd.Length - 8);
                var entry = stsd.AsSpan(8, entrySize);
                var fourcc = Encoding.ASCII.GetString(entry[4..8]);
                switch (handler)
                {
                    case "vide" when fourcc is "avc1" or "avc3" && video is null:
                        video = "H.264";
                        if (entry.Length < 8 + 28) throw new FormatException("short video sample entry");
                        (width, height) = (BinaryPrimitives.ReadUInt16BigEndian(entry[32..]), BinaryPrimitives.ReadUInt16BigEndian(entry[34..]));
                        break;
                    case "soun" when fourcc == "mp4a" && audio is null:
                        if (!IsAac(entry[8..])) return (null, Codec("mp4a (not AAC)"));
                        audio = "AAC";
                        break;
                    case "vide" or "soun":
                        return (null, Codec(fourcc.Trim()));
                    default:
                        return (null, Codec($"{handler.Trim()} ({fourcc.Trim()})")); // subtitles, timecodes or data inside: not what a reader's browser plays
                }
            }
            if (video is null || width <= 0 || height <= 0) return (null, new("editor.media.video-refused-no-video"));
            return (new CheckedVideo("video/mp4", "mp4", width, height, video, audio), null);
        }

        /// <summary>An mp4a sample entry's esds names the codec: object type 0x40 (MPEG-4 audio) or 0x66-0x68 (MPEG-2 AAC).</summary>
        private static bool IsAac(ReadOnlySpan<byte> entry)
        {
            if (entry.Length < 28) return false;
            var esds = Child(entry[28..].ToArray(), "esds");
            if (esds is null || esds.Length < 5) return false;
            ReadOnlySpan<byte> d = esds.AsSpan(4); // after version and flags
            if (d[0] != 0x03) return false;
            d = d[1..];
            SkipLength(ref d);
            if (d.Length < 3) return false;
            var flags = d[2];
            d = d[3..];
            if ((flags & 0x80) != 0) d = d[Math.Min(2, d.Length)..];
            if ((flags & 0x40) != 0 && d.Length > 0) d = d[Math.Min(1 + d[0], d.Length)..];
            if ((flags & 0x20) != 0) d = d[Math.Min(2, d.Length)..];
            if (d.Length < 2 || d[0] != 0x04) return false;
            d = d[1..];
            SkipLength(ref d);
            return d.Length > 0 && d[0] is 0x40 or 0x66 or 0x67 or 0x68;
        }

        private static void SkipLength(ref ReadOnlySpan<byte> d)
        {
            for (var i = 0; i < 4 && d.Length > 0; i++)
            {
                var more = (d[0] & 0x80) != 0;
                d = d[1..];
                if (!more) return;
            }
        }

        private static IEnumerable<byte[]> Children(byte[] box, string type)
        {
            for (var at = 0; at + 8 <= box.Length;)
            {
                var size = (long)BinaryPrimitives.ReadUInt32BigEndian(box.AsSpan(at));
                if (size == 0) size = box.Length - at;
                if (size < 8 || at + size > box.Length) throw new FormatException("box outside its parent");
                if (box.AsSpan(at + 4, 4).SequenceEqual(Encoding.ASCII.GetBytes(type))) yield return box[(at + 8)..(at + (int)size)];
                at += (int)size;
            }
        }

        private static byte[]? Child(byte[] box, string type) => Children(box, type).FirstOrDefault();
    }

    private static class WebM
    {
        private const uint Segment = 0x18538067, Tracks = 0x1654AE6B, Cluster = 0x1F43B675, TrackEntry = 0xAE, TrackType = 0x83,
            CodecId = 0x86, VideoSettings = 0xE0, PixelWidth = 0xB0, PixelHeight = 0xBA, DocType = 0x4282;

        private static readonly string[] VideoCodecs = ["V_VP8", "V_VP9", "V_AV1"];
        private static readonly string[] AudioCodecs = ["A_OPUS", "A_VORBIS"];

        public static (CheckedVideo?, Refusal?) Check(Stream s, long length)
        {
            var (id, size, at) = Element(s, 0, length);
            var ebml = ReadExactly(s, at, size ?? throw new FormatException("EBML header of unknown size"));
            var docType = Elements(ebml).Where(e => e.Id == DocType).Select(e => Encoding.ASCII.GetString(e.Data).TrimEnd('\0')).FirstOrDefault();
            if (docType != "webm") return (null, new("editor.media.video-refused-not-video"));

            (id, size, at) = Element(s, at + ebml.Length, length);
            if (id != Segment) throw new FormatException("no Segment");
            var end = size is { } known ? at + known : length;
            if (end > length) throw new EndOfStreamException();
            if (end < length) throw new FormatException("bytes after the Segment");

            byte[]? tracks = null;
            var clusters = 0;
            while (at < end)
            {
                (id, size, at) = Element(s, at, end);
                if (id == Cluster) clusters++;
                if (size is null) break; // a live-written cluster runs to the end of the file
                if (at + size > end) throw new EndOfStreamException();
                if (id == Tracks) tracks = ReadExactly(s, at, size.Value);
                at += size.Value;
            }
            if (tracks is null || clusters == 0) return (null, new("editor.media.video-refused-truncated"));

            var (width, height, video, audio) = (0, 0, (string?)null, (string?)null);
            foreach (var entry in Elements(tracks).Where(e => e.Id == TrackEntry))
            {
                var fields = Elements(entry.Data).ToList();
                var type = fields.Where(f => f.Id == TrackType).Select(f => f.Data.Aggregate(0L, (v, b) => v << 8 | b)).FirstOrDefault();
                var codec = fields.Where(f => f.Id == CodecId).Select(f => Encoding.ASCII.GetString(f.Data).TrimEnd('\0')).FirstOrDefault() ?? "?";
                if (type == 1 && VideoCodecs.Contains(codec) && video is null)
                {
                    video = codec[2..];
                    var settings = fields.Where(f => f.Id == VideoSettings).Select(f => Elements(f.Data).ToList()).FirstOrDefault() ?? [];
                    width = (int)settings.Where(f => f.Id == PixelWidth).Select(f => f.Data.Aggregate(0L, (v, b) => v << 8 | b)).FirstOrDefault();
                    height = (int)settings.Where(f => f.Id == PixelHeight).Select(f => f.Data.Aggregate(0L, (v, b) => v << 8 | b)).FirstOrDefault();
                }
                else if (type == 2 && AudioCodecs.Contains(codec) && audio is null) audio = codec[2..];
                else return (null, Codec(codec));
            }
            if (video is null || width <= 0 || height <= 0) return (null, new("editor.media.video-refused-no-video"));
            return (new CheckedVideo("video/webm", "webm", width, height, video, audio), null);
        }

        /// <summary>An element's id and size (null: unknown) at <paramref name="at"/>, and where its data starts.</summary>
        private static (uint Id, long? Size, long DataAt) Element(Stream s, long at, long end)
        {
            s.Position = at;
            var id = (uint)ReadVint(s, keepMarker: true, out var idLength);
            var size = ReadVint(s, keepMarker: false, out var sizeLength);
            var dataAt = at + idLength + sizeLength;
            if (dataAt > end) throw new EndOfStreamException();
            return (id, size == (1L << (7 * sizeLength)) - 1 ? null : size, dataAt);
        }

        private static long ReadVint(Stream s, bool keepMarker, out int length)
        {
            var first = s.ReadByte();
            if (first < 0) throw new EndOfStreamException();
            length = 1;
            while (length <= 8 && (first & (0x80 >> (length - 1))) == 0) length++;
            if (length > (keepMarker ? 4 : 8)) throw new FormatException("bad variable-length integer");
            long value = keepMarker ? first : first & (0xFF >> length);
            for (var i = 1; i < length; i++)
            {
                var b = s.ReadByte();
                if (b < 0) throw new EndOfStreamException();
                value = value << 8 | (uint)b;
            }
            return value;
        }

        private static IEnumerable<(uint Id, byte[] Data)> Elements(byte[] data)
        {
            using var s = new MemoryStream(data, writable: false);
            for (long at = 0; at < data.Length;)
            {
                var (id, size, dataAt) = Element(s, at, data.Length);
                if (size is null || dataAt + size > data.Length) throw new FormatException("element outside its parent");
                yield return (id, data[(int)dataAt..(int)(dataAt + size.Value)]);
                at = dataAt + size.Value;
            }
        }
    }
}
