using Portal.Media;
using Portal.Tests.Support;
using SkiaSharp;

namespace Portal.Tests.Unit;

// No database: the checks and the re-encoding of an uploaded image work on its bytes alone.
/// <summary>What an editor's upload becomes, or why it is refused, judged by its bytes.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class ImageUploadTests
{
    [Fact]
    public void APhotoWithGpsInItsExifComesOutWithNoMetadataAtAllInTheStoredFileOrAnyCopy()
    {
        var photo = TestImages.JpegWithGps(1600, 1200);
        Assert.NotNull(TestImages.Gps(photo)); // the test's photo does carry coordinates
        Assert.Contains("Exif IFD0", TestImages.MetadataDirectories(photo));

        var (image, refusal) = ImageUpload.Check(photo);

        Assert.Null(refusal);
        foreach (var bytes in image!.Copies.Select(c => c.Bytes).Prepend(image.Bytes))
        {
            Assert.Null(TestImages.Gps(bytes));
            Assert.Empty(TestImages.MetadataDirectories(bytes));
            Assert.DoesNotContain("SERIAL123", System.Text.Encoding.Latin1.GetString(bytes));
        }
    }

    [Theory]
    [InlineData(1600, new[] { 320, 640, 1280 })]
    [InlineData(700, new[] { 320, 640 })]
    [InlineData(200, new[] { 200 })] // narrower than every variant: one copy at its own width, never upscaled
    public void CopiesAreMadeAtEachWidthUpToTheImagesOwnInWebpAndJpeg(int width, int[] widths)
    {
        var (image, _) = ImageUpload.Check(TestImages.Png(width, width / 2));

        Assert.Equal("image/png", image!.ContentType);
        Assert.Equal(widths.SelectMany(w => new[] { (w, "webp"), (w, "jpg") }), image.Copies.Select(c => (c.Width, c.Extension)));
        foreach (var copy in image.Copies)
        {
            using var decoded = SKBitmap.Decode(copy.Bytes);
            Assert.Equal((copy.Width, copy.Height), (decoded.Width, decoded.Height));
            Assert.Equal(copy.Width / 2, copy.Height, tolerance: 1);
        }
    }

    [Fact]
    public void AVeryWideImageIsStoredAtMost2560PixelsWideWithItsProportions()
    {
        var (image, _) = ImageUpload.Check(TestImages.Webp(4000, 1000));

        Assert.Equal((2560, 640), (image!.Width, image.Height));
        Assert.Equal("image/webp", image.ContentType);
    }

    public static TheoryData<string, byte[], string> Refused() => new()
    {
        { "a PDF named .jpg", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"u8.ToArray(), "editor.media.refused-pdf" },
        { "an SVG", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "editor.media.refused-svg" },
        { "an HTML page", "\n<!DOCTYPE html><html><body>hello</body></html>"u8.ToArray(), "editor.media.refused-markup" },
        { "a JPEG with HTML after it", [.. TestImages.Jpeg(100, 100), .. "<html><script>alert(1)</script></html>"u8.ToArray()], "editor.media.refused-polyglot" },
        { "a JPEG that is also a PDF", [.. TestImages.Jpeg(100, 100), .. "%PDF-1.4\n%%EOF"u8.ToArray()], "editor.media.refused-polyglot" },
        { "a truncated JPEG", TestImages.Jpeg(800, 600)[..3000], "editor.media.refused-truncated" },
        { "a JPEG claiming 30,000 px (a decompression bomb)", TestImages.JpegClaiming(30_000, 30_000), "editor.media.refused-dimensions" },
        { "a JPEG claiming 7,000 × 7,000 px (49 megapixels)", TestImages.JpegClaiming(7000, 7000), "editor.media.refused-dimensions" },
        { "a PNG claiming 5,000 × 4,000 px (a PNG is decoded whole: 16 megapixels at most)", TestImages.PngClaiming(5000, 4000), "editor.media.refused-dimensions" },
        { "a GIF", "GIF89a\x01\0\x01\0\0\0\0;"u8.ToArray(), "editor.media.refused-not-image" },
        { "nothing", [], "editor.media.refused-empty" },
        { "a JPEG signature with garbage after it", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8], "editor.media.refused-damaged" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void WhatIsNotASafeImageIsRefusedWithAMessageSayingWhat(string what, byte[] bytes, string message)
    {
        var (image, refusal) = ImageUpload.Check(bytes);

        Assert.Null(image);
        Assert.True(refusal?.Message == message, $"{what}: {refusal?.Message ?? "accepted"}");
    }

    [Fact]
    public void AFileOverTenMegabytesIsRefusedBeforeItIsRead()
    {
        var (_, refusal) = ImageUpload.Check(new byte[MediaLimits.MaxImageBytes + 1]);

        Assert.Equal("editor.media.refused-too-large", refusal?.Message);
        Assert.Equal(10, refusal!.Arguments[0]);
    }

    [Fact]
    public void APortraitPhotoTurnedByItsExifOrientationIsStoredUpright()
    {
        // Orientation 6 (the camera held upright): stored 400 × 200, shown 200 × 400.
        var jpeg = TestImages.Jpeg(400, 200);
        byte[] exif = [0xFF, 0xE1, 0, 34, .. "Exif\0\0"u8.ToArray(), .. "MM"u8.ToArray(), 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        var (image, _) = ImageUpload.Check([.. jpeg[..2], .. exif, .. jpeg[2..]]);

        Assert.Equal((200, 400), (image!.Width, image.Height));
    }
}
