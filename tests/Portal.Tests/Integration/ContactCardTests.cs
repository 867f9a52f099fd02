using System.Net;
using System.Text;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The support points' contact cards (.vcf) read by a vCard parser nobody on the project wrote (python3-vobject from
/// Debian): vCard 3.0 with N and FN, escaped and folded as RFC 2426 says, with the counsellors' phones, saved under the
/// point's name.
/// </summary>
// Every provider: the cards are built from published support points in the database.
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public class ContactCardTests
{
    [VobjectFact]
    public async Task EverySeedCardInEveryLanguageParsesAsVCard30()
    {
        using var app = new PortalApplication();
        using var client = app.CreateReaderClient();
        foreach (var culture in ConfiguredCultures.All)
        {
            foreach (var slug in new[] { "den-haag", "leiden", "rotterdam" })
            {
                using var response = await client.GetAsync($"/{culture}/support-points/{slug}.vcf");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal($"attachment; filename=\"{slug}.vcf\"", response.Content.Headers.ContentDisposition!.ToString());
                var card = await ParseAsync(await response.Content.ReadAsByteArrayAsync());
                Assert.Equal("3.0", card.Str("version"));
                Assert.Equal(card.Str("fn"), card.GetProperty("n").Str("family"));
            }
        }
    }

    [VobjectFact]
    public async Task HostileLongTextIsEscapedAndFoldedAndTheCounsellorsPhonesAreOnTheCard()
    {
        // A fictional point: a long Arabic-script title with every character vCard escapes, and two counsellors with phones.
        const string title = "نقطة دعم العودة، روتردام; Steunpunt \\ Terugkeer, Rotterdam — مركز الاستشارة للعودة الطوعية والمستقلة";
        using var content = new ScratchContent().Edit("support-points/rotterdam.nl.md", s => s
            .Replace("title: Steunpunt Terugkeer Rotterdam", $"title: \"{title.Replace("\\", "\\\\")}\"")
            .Replace("""
                counsellors:
                  - name: Oscar Lemmens
                    email: olemmens@vluchtelingenwerk.nl
                """, """
                counsellors:
                  - name: Test Counsellor One
                    email: one@example.org
                    phone: 010 000 0001
                  - name: Test Counsellor Two
                    phone: +31 10 000 0002
                """));
        using var app = new PortalApplication();
        await content.ImportAsync(app);
        using var client = app.CreateReaderClient();

        using var response = await client.GetAsync("/nl/support-points/rotterdam.vcf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        // Every physical line ends in CRLF and is at most 75 octets; no UTF-8 character is cut by a fold.
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain('\n', text.Replace("\r\n", ""));
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"{Encoding.UTF8.GetByteCount(l)} octets: {l}"));
        Assert.Contains(lines, l => l.StartsWith(' ')); // the title was long enough to fold
        Assert.True(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes) == text);

        var card = await ParseAsync(bytes);
        Assert.Equal(title, card.Str("fn"));
        Assert.Equal(title, card.GetProperty("n").Str("family"));
        var tels = card.GetProperty("tel").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("+31100000001", tels);
        Assert.Contains("+31100000002", tels);
        Assert.Contains("one@example.org", card.GetProperty("email").EnumerateArray().Select(e => e.GetString()));
        var note = Assert.Single(card.GetProperty("note").EnumerateArray()).GetString()!;
        Assert.Equal(["Test Counsellor One, 010 000 0001, one@example.org", "Test Counsellor Two, +31 10 000 0002"], note.Split('\n'));
    }

    [Fact]
    public void ANonAsciiSlugGetsAnAsciiFileNameAndTheUtf8One()
    {
        var header = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.Parse(Portal.Pages.SupportPoints.ContactCard.Disposition("روتردام"));
        Assert.Equal("attachment", header.DispositionType.Value);
        Assert.Equal("support-point.vcf", header.FileName.Value!.Trim('"'));
        Assert.Equal("روتردام.vcf", header.FileNameStar.Value);
    }

    /// <summary>What python3-vobject read from the card, as JSON (tools/parse-vcard.py); fails with the parser's message.</summary>
    private static async Task<JsonElement> ParseAsync(byte[] card)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, card);
            var (exitCode, stdout, stderr) = await ToolProcess.RunAsync(TestTools.DebianPython, Path.Combine(RepoPaths.Root, "tools", "parse-vcard.py"), file);
            Assert.True(exitCode == 0, stdout + stderr + "\n" + Encoding.UTF8.GetString(card));
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
