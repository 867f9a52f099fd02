using System.Text;
using Portal.Content;
using Portal.Content.Reading;
using Portal.Data;
using Portal.Infrastructure;
using Portal.Localization;

namespace Portal.Pages.SupportPoints;

/// <summary>/{culture}/support-points/{slug}.vcf: a vCard 3.0 (RFC 2426) so a volunteer can save a support point in one tap.</summary>
public static class ContactCard
{
    public static IEndpointRouteBuilder MapContactCards(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{culture:portalculture}/support-points/{slug}.vcf", ReaderMethods.Read, async (string culture, string slug, HttpContext http, PortalDbContext db, PortalCultures cultures, CancellationToken ct) =>
        {
            if (await SupportPointReading.PointAsync(db, slug, culture, cultures.Source, ct) is not { } point)
                return await OldAddress.FindAsync(db, ContentKind.SupportPoint, slug, culture, cultures.Source, ct) switch
                {
                    { Retired: true } => Results.StatusCode(StatusCodes.Status410Gone),
                    { Slug: { } moved } => Results.Redirect(ReaderUrls.ContactCard(culture, moved), permanent: true),
                    _ => Results.NotFound(),
                };
            http.Response.Headers.ContentDisposition = Disposition(point.Text.Text.Slug);
            return Results.Text(Build(point.Text.Text, (SupportPointFields)point.Text.Fields!), "text/vcard; charset=utf-8", Encoding.UTF8);
        }).CacheOutput(ReaderCaching.Policy);
        return app;
    }

    /// <summary>
    /// A file to save, named for the point (slugs are letters, digits and '-', so nothing needs quoting): filename="…" in
    /// ASCII, plus filename*=UTF-8''… (RFC 6266) when the slug is not ASCII, with a plain ASCII name for older clients.
    /// </summary>
    internal static string Disposition(string slug)
        => Ascii.IsValid(slug) ? $"attachment; filename=\"{slug}.vcf\""
            : $"attachment; filename=\"support-point.vcf\"; filename*=UTF-8''{Uri.EscapeDataString(slug)}.vcf";

    internal static string Build(IPublishedText point, SupportPointFields f)
    {
        var sb = new StringBuilder();
        void Line(string s) => Fold(sb, s);
        Line("BEGIN:VCARD");
        Line("VERSION:3.0");
        // N is required in 3.0. The card is an organisation's, so its name goes in the family-name part: phones that
        // list contacts by N rather than FN then still show the point's name, not an empty one.
        Line($"N:{Escape(point.Title)};;;;");
        Line("FN:" + Escape(point.Title));
        Line("ORG:" + Escape("VluchtelingenWerk Nederland"));
        if (f.Address is not null)
            Line($"ADR;TYPE=work:;;{Escape(f.Address)};{Escape(f.City)};;{Escape(f.Postcode ?? "")};Nederland");
        if (SupportPointLinks.Tel(f.Phone) is { } tel) Line("TEL;TYPE=work,voice:" + tel["tel:".Length..]);
        foreach (var c in f.Counsellors)
            if (SupportPointLinks.Tel(c.Phone) is { } counsellorTel) Line("TEL;TYPE=work,voice:" + counsellorTel["tel:".Length..]);
        if (f.Email is not null) Line("EMAIL;TYPE=internet:" + Escape(f.Email));
        foreach (var c in f.Counsellors.Where(c => c.Email is not null)) Line("EMAIL;TYPE=internet:" + Escape(c.Email!));
        // Who answers which number or address: 3.0 cannot label a TEL with a person, so the note says it.
        if (f.Counsellors.Count > 0)
            Line("NOTE:" + Escape(string.Join("\n", f.Counsellors.Select(c => string.Join(", ", new[] { c.Name, c.Phone, c.Email }.Where(v => !string.IsNullOrEmpty(v)))))));
        Line("END:VCARD");
        return sb.ToString();
    }

    /// <summary>Text values: backslash, comma and semicolon escaped, any line break as \n (RFC 2426 section 4).</summary>
    internal static string Escape(string s) => s.Replace("\\", "\\\\").Replace(",", "\\,").Replace(";", "\\;")
        .Replace("\r\n", "\\n").Replace("\r", "\\n").Replace("\n", "\\n");

    /// <summary>
    /// One content line, folded (RFC 2425 section 5.8.1) so no physical line is longer than 75 octets of UTF-8: a CRLF
    /// and a space before the character that would pass it, never inside a character; every line ends in CRLF.
    /// </summary>
    internal static void Fold(StringBuilder sb, string line)
    {
        const int MaxOctets = 75;
        var octets = 0;
        Span<char> chars = stackalloc char[2];
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                sb.Append("\r\n ");
                octets = 1; // the space that marks the continuation
            }
            sb.Append(chars[..rune.EncodeToUtf16(chars)]);
            octets += size;
        }
        sb.Append("\r\n");
    }
}
