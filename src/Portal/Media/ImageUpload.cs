using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Portal.Media;

/// <summary>What an accepted image becomes: its pixels re-encoded (no metadata of any kind) and its smaller copies.</summary>
public sealed record CheckedImage(byte[] Bytes, string ContentType, int Width, int Height, IReadOnlyList<ImageCopy> Copies)
{
    /// <summary>Hashed once, when checked: the store, the revision and the audit all ask for it.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));
}

/// <param name="Extension">"webp" or "jpg".</param>
public sealed record ImageCopy(int Width, int Height, string Extension, string ContentType, byte[] Bytes);

/// <summary>An upload refused, as a key of locales/editor/ with its arguments.</summary>
public sealed record Refusal(string Message, params object[] Arguments);

/// <summary>
/// Checks an uploaded image by its bytes, never by its name or declared type, and re-encodes it. The order matters: the
/// signature and the header's dimensions are read before any pixel is decoded; the decode must consume the whole image
/// (a truncated JPEG is refused, not half shown); only pixels leave, so EXIF (GPS, camera serials), XMP, IPTC, ICC
/// profiles and embedded thumbnails are all gone, and a file that is also another format (a polyglot) is refused.
/// </summary>
public static class ImageUpload
{
    private enum Format { Jpeg, Png, Webp }

    public static (CheckedImage? Image, Refusal? Refusal) Check(ReadOnlySpan<byte> bytes)
    {
        if (Inspect(bytes) is { Refusal: { } refusal }) return (null, refusal);
        return Decode(bytes.ToArray(), Sniff(bytes)!.Value);
    }

    /// <summary>
    /// An image as the portal stored it (an exported file, read back by import): the same checks as an upload, then kept
    /// byte for byte, not re-encoded, so a file that still carries metadata or is wider than a stored image is refused.
    /// Its copies are made as an upload's are, from the stored file, so they come out the same too.
    /// </summary>
    public static (CheckedImage? Image, Refusal? Refusal) CheckStored(ReadOnlySpan<byte> bytes)
    {
        if (Inspect(bytes) is { Refusal: { } refusal }) return (null, refusal);
        var format = Sniff(bytes)!.Value;
        if (ImageMetadata.Find(bytes, format == Format.Jpeg ? "jpeg" : format == Format.Png ? "png" : "webp") is { } found)
            return (null, new("editor.media.refused-metadata", found));
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != Expected(format)) return (null, new("editor.media.refused-damaged"));
        if (codec.Info.Width > MediaLimits.MaxStoredWidth || codec.Info.Height > MediaLimits.MaxImageSide)
            return (null, new("editor.media.refused-dimensions", codec.Info.Width, codec.Info.Height, MediaLimits.MaxStoredWidth, MediaLimits.MaxImagePixels / 1_000_000));
        return WithCopies(bytes.ToArray(), ContentType(format));
    }

    /// <summary>What both paths refuse before decoding anything: size, signature, a second format inside.</summary>
    private static (Format? Format, Refusal? Refusal) Inspect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return (null, new("editor.media.refused-empty"));
        if (bytes.Length > MediaLimits.MaxImageBytes) return (null, new("editor.media.refused-too-large", MediaLimits.MaxImageBytes / (1024 * 1024)));
        if (Sniff(bytes) is not { } format) return (null, new(Describe(bytes)));
        if (OtherFormatInside(bytes)) return (null, new("editor.media.refused-polyglot"));
        return (format, null);
    }

    private static string ContentType(Format format) => format switch { Format.Png => "image/png", Format.Webp => "image/webp", _ => "image/jpeg" };

    private static Format? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Format.Jpeg;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Format.Png;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return Format.Webp;
        return null;
    }

    /// <summary>Names what a refused file is when it is something an editor may mistake for an image.</summary>
    private static string Describe(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF"u8)) return "editor.media.refused-pdf";
        var head = Encoding.UTF8.GetString(b[..Math.Min(b.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (head.StartsWith('<')) return head.Contains("<svg") ? "editor.media.refused-svg" : "editor.media.refused-markup";
        return "editor.media.refused-not-image";
    }

    // Markers of a second format in an image: a PDF, HTML or SVG a browser or reader could be tricked into opening, or
    // a ZIP's directory at the end. Re-encoding would drop them anyway; refusing says that the file is not what it seems.
    private static readonly byte[][] Markers = ["%PDF-"u8.ToArray(), "<script"u8.ToArray(), "<html"u8.ToArray(), "<svg"u8.ToArray(), "<!doctype"u8.ToArray()];

    private static bool OtherFormatInside(ReadOnlySpan<byte> b)
    {
        foreach (var marker in Markers)
            if (IndexOfIgnoreCase(b, marker) >= 0) return true;
        var tail = b[Math.Max(0, b.Length - 65_557)..]; // a ZIP's end record sits within 64 KB + 22 bytes of its end
        return tail.IndexOf((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]) >= 0;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, byte[] needle)
    {
        var upperFirst = (byte)char.ToUpperInvariant((char)needle[0]);
        for (var start = 0; start <= haystack.Length - needle.Length;)
        {
            var rest = haystack[start..];
            var i = rest.IndexOfAny(needle[0], upperFirst);
            if (i < 0 || i > rest.Length - needle.Length) return -1;
            if (Ascii.EqualsIgnoreCase(rest.Slice(i, needle.Length), needle)) return start + i;
            start += i + 1;
        }
        return -1;
    }

    private static (CheckedImage?, Refusal?) Decode(byte[] bytes, Format format)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != Expected(format)) return (null, new("editor.media.refused-damaged"));
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var maxPixels = format == Format.Png ? MediaLimits.MaxPngPixels : MediaLimits.MaxImagePixels;
        if (width <= 0 || height <= 0 || width > MediaLimits.MaxImageSide || height > MediaLimits.MaxImageSide || (long)width * height > maxPixels)
            return (null, new("editor.media.refused-dimensions", width, height, MediaLimits.MaxImageSide, maxPixels / 1_000_000));

        // A JPEG or WebP decodes straight to a smaller size, which spares the memory of the full pixels.
        var scale = Math.Min(1f, (float)MediaLimits.MaxStoredWidth / Math.Max(width, height));
        var size = codec.GetScaledDimensions(scale);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success) return (null, new(result == SKCodecResult.IncompleteInput ? "editor.media.refused-truncated" : "editor.media.refused-damaged"));

        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var stored = FitWidth(upright, MediaLimits.MaxStoredWidth);
        var storedBytes = format switch
        {
            Format.Png => Encode(stored, SKEncodedImageFormat.Png),
            Format.Webp => Encode(stored, SKEncodedImageFormat.Webp),
            _ => Encode(stored, SKEncodedImageFormat.Jpeg),
        };
        return WithCopies(storedBytes, ContentType(format));
    }

    /// <summary>
    /// The copies of a stored file, made from that file's own pixels, never from the upload's: an import of the exported
    /// file then makes the very same bytes, and the addresses readers' pages hold stay right.
    /// </summary>
    private static (CheckedImage?, Refusal?) WithCopies(byte[] storedBytes, string contentType)
    {
        using var data = SKData.CreateCopy(storedBytes);
        using var codec = SKCodec.Create(data);
        var info = new SKImageInfo(codec!.Info.Width, codec.Info.Height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var stored = new SKBitmap(info);
        var result = codec.GetPixels(info, stored.GetPixels());
        if (result != SKCodecResult.Success) return (null, new(result == SKCodecResult.IncompleteInput ? "editor.media.refused-truncated" : "editor.media.refused-damaged"));
        var copies = new List<ImageCopy>();
        foreach (var w in Widths(stored.Width))
        {
            using var copy = FitWidth(stored, w);
            copies.Add(new(copy.Width, copy.Height, "webp", "image/webp", Encode(copy, SKEncodedImageFormat.Webp)));
            copies.Add(new(copy.Width, copy.Height, "jpg", "image/jpeg", Encode(copy, SKEncodedImageFormat.Jpeg)));
        }
        return (new CheckedImage(storedBytes, contentType, stored.Width, stored.Height, copies), null);
    }

    private static SKEncodedImageFormat Expected(Format f) => f switch
    {
        Format.Png => SKEncodedImageFormat.Png,
        Format.Webp => SKEncodedImageFormat.Webp,
        _ => SKEncodedImageFormat.Jpeg,
    };

    /// <summary>Each variant width below the image's own, and the image's own width when it is narrower than all of them.</summary>
    internal static IEnumerable<int> Widths(int width)
    {
        var below = MediaLimits.VariantWidths.Where(w => w <= width).ToList();
        return below.Count > 0 ? below : [width];
    }

    /// <summary>The EXIF orientation goes with the metadata, so it is applied to the pixels first (a phone's portrait photo stays upright).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, source.ColorType, source.AlphaType, source.ColorSpace));
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(Matrix(origin, source.Width, source.Height));
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest)); // quarter turns and mirrors: whole pixels
        return result;
    }

    private static SKMatrix Matrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static SKBitmap OnWhite(SKBitmap source)
    {
        var result = new SKBitmap(new SKImageInfo(source.Width, source.Height, source.ColorType, SKAlphaType.Opaque, source.ColorSpace));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }

    private static SKBitmap FitWidth(SKBitmap source, int width)
    {
        if (source.Width <= width) return source.Copy();
        var height = Math.Max(1, (int)Math.Round((double)source.Height * width / source.Width));
        return source.Resize(new SKSizeI(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("Skia could not resize the image.");
    }

    /// <summary>Encodes without a colour space, so the encoder writes no ICC profile either (the pixels are sRGB already).</summary>
    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        if (format == SKEncodedImageFormat.Jpeg && bitmap.AlphaType != SKAlphaType.Opaque)
        {
            using var onWhite = OnWhite(bitmap); // JPEG has no transparency: a transparent PNG's copies get a white page, not black
            return Encode(onWhite, format);
        }
        using var pixmap = bitmap.PeekPixels().WithColorSpace(null!);
        using var data = format switch
        {
            SKEncodedImageFormat.Png => pixmap.Encode(new SKPngEncoderOptions()),
            SKEncodedImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 75)),
            _ => pixmap.Encode(new SKJpegEncoderOptions(80, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.BlendOnBlack)),
        };
        return data?.ToArray() ?? throw new InvalidOperationException($"Skia could not encode {format}.");
    }
}
