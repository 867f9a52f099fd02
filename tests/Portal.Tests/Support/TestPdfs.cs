using System.Text;

namespace Portal.Tests.Support;

/// <summary>Small PDFs written by the tests byte by byte (a real cross-reference table), clean or carrying what uploads must catch.</summary>
public static class TestPdfs
{
    /// <param name="info">The Info dictionary's entries, e.g. "/Author (Jan)"; null for none.</param>
    /// <param name="catalog">More entries of the catalog, e.g. an /OpenAction.</param>
    /// <param name="objects">More objects, numbered from 7 on.</param>
    /// <param name="xmp">An XMP packet as the catalog's /Metadata.</param>
    public static byte[] Make(string? info = null, string catalog = "", string[]? objects = null, bool xmp = false, string text = "Terugkeer")
    {
        const string content = "0 0 m 100 100 l S";
        const string packet = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Jan</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
        var bodies = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R{(xmp ? " /Metadata 5 0 R" : "")} {catalog} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >> % {text}",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            $"<< /Type /Metadata /Subtype /XML /Length {packet.Length} >>\nstream\n{packet}\nendstream",
            $"<< {info} >>",
        };
        bodies.AddRange(objects ?? []);
        var pdf = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < bodies.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{bodies[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {bodies.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append($"{o:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {bodies.Count + 1} /Root 1 0 R{(info is null ? "" : " /Info 6 0 R")} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>
    /// A PDF 1.5 whose catalog opens <paramref name="hidden"/>, an object packed in a Flate-compressed object stream and
    /// found through a cross-reference stream: what no scan of the file's bytes can see.
    /// </summary>
    public static byte[] WithCompressedObject(string hidden)
    {
        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        var offsets = new List<long>();
        Write("%PDF-1.5\n");
        foreach (var body in new[] { "<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>" })
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }
        var header = "6 0 ";
        using var packed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            z.Write(Encoding.Latin1.GetBytes(header + hidden));
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Type /ObjStm /N 1 /First {header.Length} /Filter /FlateDecode /Length {packed.Length} >>\nstream\n");
        pdf.Write(packed.ToArray());
        Write("\nendstream\nendobj\n");
        offsets.Add(pdf.Position);
        var entries = new List<byte>();
        void Entry(byte type, long field2, int field3)
        {
            entries.Add(type);
            entries.AddRange([(byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3]);
        }
        Entry(0, 0, 65535);
        foreach (var o in offsets) Entry(1, o, 0);
        Entry(2, 4, 0); // object 6: the first in object stream 4
        Write($"5 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length {entries.Count} >>\nstream\n");
        pdf.Write(entries.ToArray());
        Write($"\nendstream\nendobj\nstartxref\n{offsets[^1]}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>A clean PDF of about <paramref name="bytes"/> bytes (a comment pads it), for sizes shown to readers.</summary>
    public static byte[] OfSize(int bytes) => Make(text: new string('x', Math.Max(0, bytes - Make().Length)));
}
