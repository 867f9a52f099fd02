using System.Buffers.Binary;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SkiaSharp;

namespace Portal.Tests.Support;

/// <summary>Images made by the tests themselves: plain ones from Skia, and a JPEG carrying GPS coordinates in its EXIF.</summary>
public static class TestImages
{
    /// <param name="noise">Random pixels, which a JPEG cannot compress: a large file from a small image.</param>
    public static byte[] Jpeg(int width, int height, bool noise = false) => Encode(width, height, SKEncodedImageFormat.Jpeg, noise);
    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);
    public static byte[] Webp(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, bool noise = false)
    {
        using var bitmap = new SKBitmap(width, height);
        if (noise)
        {
            var random = new Random(18);
            var pixels = new byte[width * height * 4];
            random.NextBytes(pixels);
            for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        }
        else using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 90, 160));
            using var paint = new SKPaint { Color = new SKColor(240, 200, 40) };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var data = bitmap.Encode(format, noise ? 100 : 90);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG with an APP1 <c>Exif\0\0</c> segment right after its SOI marker: a big-endian TIFF header, IFD0 with a camera
    /// serial-like description and tag 0x8825 pointing at a GPS IFD with latitude 52°22'N and longitude 4°53'E (tags 1-4).
    /// </summary>
    public static byte[] JpegWithGps(int width, int height, bool noise = false)
    {
        var tiff = new List<byte>();
        void U16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); tiff.AddRange(b); }
        void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); tiff.AddRange(b); }
        void Entry(int tag, int type, uint count, uint value) { U16(tag); U16(type); U32(count); U32(value); }

        tiff.AddRange("MM"u8.ToArray()); U16(42); U32(8);               // header; IFD0 at 8
        const uint ifd0 = 8, ifd0Size = 2 + 2 * 12 + 4, description = ifd0 + ifd0Size; // description "SERIAL123\0" (10 bytes)
        const uint gps = description + 10, gpsSize = 2 + 4 * 12 + 4, rationals = gps + gpsSize;
        U16(2);
        Entry(0x010E, 2, 10, description);                                 // ImageDescription
        Entry(0x8825, 4, 1, gps);                                          // GPS IFD pointer
        U32(0);
        tiff.AddRange("SERIAL123\0"u8.ToArray());
        U16(4);
        Entry(1, 2, 2, 0x4E000000);                                        // GPSLatitudeRef "N"
        Entry(2, 5, 3, rationals);                                         // GPSLatitude
        Entry(3, 2, 2, 0x45000000);                                        // GPSLongitudeRef "E"
        Entry(4, 5, 3, rationals + 24);                                    // GPSLongitude
        U32(0);
        foreach (var (n, d) in new[] { (52u, 1u), (22u, 1u), (0u, 1u), (4u, 1u), (53u, 1u), (0u, 1u) }) { U32(n); U32(d); }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var jpeg = Jpeg(width, height, noise);
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The GPS directory's coordinates of an image, or null when it carries none.</summary>
    public static GeoLocation? Gps(byte[] image)
        => ImageMetadataReader.ReadMetadata(new MemoryStream(image)).OfType<GpsDirectory>().FirstOrDefault()?.GetGeoLocation();

    /// <summary>The names of every metadata directory other than the format's own (EXIF, XMP, IPTC, ICC...).</summary>
    public static IReadOnlyList<string> MetadataDirectories(byte[] image)
        => ImageMetadataReader.ReadMetadata(new MemoryStream(image)).Select(d => d.Name)
            .Where(n => n is not ("JPEG" or "JFIF" or "PNG-IHDR" or "WebP" or "File Type" or "Huffman" or "JpegComment") && !n.StartsWith("PNG", StringComparison.Ordinal))
            .ToList();

    /// <summary>A PNG whose header (IHDR, with its checksum made right) claims another size; the pixels stay tiny.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var png = Png(64, 64);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);   // after the 8-byte signature, the chunk's length and "IHDR"
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17))); // over "IHDR" and its 13 bytes
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A JPEG whose frame header claims another size: the pixels stay tiny, the header says what a decoder would allocate.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = Jpeg(64, 64);
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] != 0xFF || jpeg[i + 1] is not (0xC0 or 0xC2)) continue;
            BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
            BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
            return jpeg;
        }
        throw new InvalidOperationException("No frame header in the test JPEG.");
    }
}
