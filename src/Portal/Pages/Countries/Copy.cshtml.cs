using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;
using QRCoder;

namespace Portal.Pages.Countries;

/// <summary>
/// /{culture}/countries/{slug}/print and …/offline: a country guide to keep. One self-contained page (its styles inline,
/// no request to anything, no link needed to read it): the guide, its safety summary, every support point, the day it was
/// made, the revision, and a QR code of the live page. The print copy is for paper (a card never splits across pages);
/// the offline copy is the same file as a download, to keep on a phone or forward over a messaging app.
/// </summary>
[OutputCache(PolicyName = ReaderCaching.Policy)]
public sealed class CopyModel(PortalDbContext db, PortalCultures cultures, TimeProvider clock) : ReaderPageModel(cultures)
{
    public CountryReading.Guide Read { get; private set; } = null!;
    public IReadOnlyList<Localized<PublishedText>> Points { get; private set; } = [];
    public IReadOnlyList<ContentFacts.DimensionText> Dimensions => Read.Safety is { } s ? ContentFacts.SafetyDimensions(s) : [];
    public bool Offline { get; private set; }
    public DateOnly Made { get; private set; }
    public string LiveUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, string copy, CancellationToken ct)
    {
        if (copy is not ("print" or "offline")) return NotFound();
        Offline = copy == "offline";
        Made = StoryRules.Today(clock); // Amsterdam's day, as every reader date
        if (await CountryReading.GuideAsync(db, slug, Culture, SourceCulture, Made, ct) is not { } read) return NotFound();
        Read = read;
        Points = (await SupportPointReading.ListAsync(db, new SupportPointReading.Filter(), Culture, SourceCulture, withVersions: false, ct)).Points.Items;
        LiveUrl = HttpContext.PublicOrigin() + ReaderUrls.Country(Culture, slug);
        QrSvg = Qr(LiveUrl);

        // Its one inline style block is allowed by its hash; nothing else (no script, no request) is.
        Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src '{StyleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        if (Offline) Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-{Culture}.html\"";
        return Page();
    }

    /// <summary>The QR code as inline SVG (no image request); its size follows the page's, its colours print black on white.</summary>
    private static string Qr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The copies' styles, inline so that a saved file looks the same with no network.</summary>
    public const string Styles =
        "body{font:11pt/1.5 system-ui,\"Noto Sans\",\"Noto Sans Arabic\",Tahoma,sans-serif;color:#000;margin:1rem auto;max-inline-size:44rem;padding-inline:1rem;overflow-wrap:anywhere}" +
        "h1{font-size:1.5rem;margin-block:.25rem}h2{font-size:1.15rem;margin-block:1.25rem .4rem}h3{font-size:1rem;margin-block:.25rem}" +
        ".made{border:1px solid #555;padding:.5rem .75rem;display:flex;gap:1rem;align-items:center;justify-content:space-between}" +
        ".made p{margin:.15rem 0}.qr{inline-size:7.5rem;flex:none}.qr svg{display:block;inline-size:100%;block-size:auto}" +
        ".card{border:1px solid #555;border-radius:.3rem;padding:.25rem .75rem;margin-block:.5rem;break-inside:avoid;page-break-inside:avoid}" +
        "dl,dd{margin:0}dt{font-weight:600}.notice{border-inline-start:4px solid #555;padding-inline-start:.5rem}" +
        "a{color:inherit}bdi[dir=ltr],a[dir=ltr]{unicode-bidi:isolate}" +
        "@media print{body{margin:0;max-inline-size:none}@page{size:A4;margin:15mm}h2{break-after:avoid}}";

    public static readonly string StyleHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Styles)));
}
