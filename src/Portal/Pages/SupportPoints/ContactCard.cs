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
        app.MapMethods("/{culture:portalculture}/support-points/{slug}.vcf", ReaderMethods.Read, async (string culture, string slug, PortalDbContext db, PortalCultures cultures, CancellationToken ct) =>
        {
            if (await SupportPointReading.PointAsync(db, slug, culture, cultures.Source, ct) is not { } point)
                return await OldAddress.FindAsync(db, ContentKind.SupportPoint, slug, culture, cultures.Source, ct) switch
                {
                    { Retired: true } => Results.StatusCode(StatusCodes.Status410Gone),
                    { Slug: { } moved } => Results.Redirect(ReaderUrls.ContactCard(culture, moved), permanent: true),
                    _ => Results.NotFound(),
                };
            return Results.Text(Build(point.Text.Text, (SupportPointFields)point.Text.Fields!), "text/vcard; charset=utf-8", Encoding.UTF8);
        }).CacheOutput(ReaderCaching.Policy);
        return app;
    }

    internal static string Build(IPublishedText point, SupportPointFields f)
    {
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append("\r\n");
        Line("BEGIN:VCARD");
        Line("VERSION:3.0");
        Line("FN:" + Escape(point.Title));
        Line("ORG:" + Escape("VluchtelingenWerk Nederland"));
        if (f.Address is not null)
            Line($"ADR;TYPE=work:;;{Escape(f.Address)};{Escape(f.City)};;{Escape(f.Postcode ?? "")};Nederland");
        if (SupportPointLinks.Tel(f.Phone) is { } tel) Line("TEL;TYPE=work,voice:" + tel["tel:".Length..]);
        if (f.Email is not null) Line("EMAIL;TYPE=internet:" + Escape(f.Email));
        foreach (var c in f.Counsellors.Where(c => c.Email is not null)) Line("EMAIL;TYPE=internet:" + Escape(c.Email!));
        if (f.Counsellors.Count > 0) Line("NOTE:" + Escape(string.Join(", ", f.Counsellors.Select(c => c.Email is null ? c.Name : $"{c.Name} <{c.Email}>"))));
        Line("END:VCARD");
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace(",", "\\,").Replace(";", "\\;").Replace("\n", "\\n");
}
