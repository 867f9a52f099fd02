using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// No database: the checks read bytes only.
/// <summary>What a PDF uploaded to the media library must be, by its bytes: a real PDF without anything that runs when opened.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class PdfUploadTests
{
    [Fact]
    public void ACleanPdfIsAcceptedAsUploadedWithNoWarning()
    {
        var bytes = TestPdfs.Make();

        var (document, refusal) = PdfUpload.Check(bytes);

        Assert.Null(refusal);
        Assert.Equal(bytes, document!.Bytes);
        Assert.Empty(document.MetadataFields);
    }

    [Fact]
    public void AuthorAndEditingMetadataAreNamedAsAWarningNotARefusal()
    {
        var (document, refusal) = PdfUpload.Check(TestPdfs.Make(info: "/Author (Jan Jansen) /Creator (Word) /Producer (Acrobat) /Title ()", xmp: true));

        Assert.Null(refusal);
        Assert.Equal(new[] { "Author", "Creator", "Producer", "XMP" }, document!.MetadataFields.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/OpenAction 7 0 R", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>", "JavaScript")]
    [InlineData("/OpenAction << /S /Launch /F (cmd.exe) >>", null, "Launch")]
    [InlineData("/Names << /EmbeddedFiles 7 0 R >>", "<< /Names [(a.exe) << /Type /Filespec /EF << /F 8 0 R >> >>] >>", "EmbeddedFiles")]
    [InlineData("/OpenAction << /S /Java#53cript /J#53 (x) >>", null, "JavaScript")] // the same names written with #-escapes
    public void APdfThatActsWhenOpenedIsRefusedNamingWhat(string catalog, string? extra, string named)
    {
        var (document, refusal) = PdfUpload.Check(TestPdfs.Make(catalog: catalog, objects: extra is null ? null : [extra]));

        Assert.Null(document);
        Assert.Equal("editor.media.pdf-active", refusal!.Message);
        Assert.Equal(named, refusal.Arguments[0]);
    }

    [Fact]
    public void AScriptPackedInACompressedObjectStreamIsFoundToo()
    {
        var clean = PdfUpload.Check(TestPdfs.WithCompressedObject("<< /S /GoTo /D [3 0 R /Fit] >>"));
        Assert.Null(clean.Refusal); // the same file with a harmless action: readable, so the refusal below is the script's

        var bytes = TestPdfs.WithCompressedObject("<< /S /JavaScript /JS (app.alert\\(1\\)) >>");
        Assert.DoesNotContain("JavaScript", System.Text.Encoding.Latin1.GetString(bytes));

        Assert.Equal(("editor.media.pdf-active", "JavaScript"), PdfUpload.Check(bytes).Refusal is { } r ? (r.Message, r.Arguments[0]) : default);
    }

    [Fact]
    public void AJpegOrAWebPageNamedPdfIsRefusedForWhatItIs()
    {
        Assert.Equal("editor.media.pdf-is-image", PdfUpload.Check(TestImages.Jpeg(50, 50)).Refusal!.Message);
        Assert.Equal("editor.media.pdf-is-markup", PdfUpload.Check("<!doctype html><html><script>alert(1)</script></html>"u8.ToArray()).Refusal!.Message);
        Assert.Equal("editor.media.pdf-not-pdf", PdfUpload.Check("just some text"u8.ToArray()).Refusal!.Message);
    }

    [Fact]
    public void ATruncatedOrUnreadablePdfIsRefused()
    {
        var whole = TestPdfs.Make();
        Assert.Equal("editor.media.pdf-truncated", PdfUpload.Check(whole[..(whole.Length / 2)]).Refusal!.Message);
        Assert.Equal("editor.media.pdf-damaged", PdfUpload.Check("%PDF-1.7\nnothing here at all\n%%EOF\n"u8.ToArray()).Refusal!.Message);
        Assert.Equal("editor.media.pdf-too-large", PdfUpload.Check(new byte[MediaLimits.MaxDocumentBytes + 1]).Refusal!.Message);
    }

    /// <summary>
    /// PdfPig cannot be cancelled, so a file crafted to keep it busy is cut off by a time budget. No such file was found
    /// cheaply (100,000 objects, a broken cross-reference table, 12,000 nested arrays: each read in under 1.5 s), so the
    /// budget is spent here instead: the upload is refused, naming it, rather than waited for.
    /// </summary>
    [Fact]
    public void APdfThatTakesLongerThanItsTimeToReadIsRefusedWithThatTime()
    {
        var bytes = TestPdfs.Make();
        Assert.Null(PdfUpload.Check(bytes).Refusal);
        var refusal = PdfUpload.Check(bytes, TimeSpan.Zero).Refusal!;
        Assert.Equal("editor.media.pdf-too-slow", refusal.Message);
        Assert.Equal(0, refusal.Arguments[0]);
    }
}
