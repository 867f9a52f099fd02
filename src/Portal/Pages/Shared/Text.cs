using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Portal.Content;
using Portal.Localization;

namespace Portal.Pages.Shared;

/// <summary>Small HTML pieces the views share: language attributes for fallback text, and dates readers and counsellors agree on.</summary>
public static class Text
{
    /// <summary>` lang="nl" dir="ltr"` when a block is in another language than the page (the source text shown as a fallback).</summary>
    public static IHtmlContent LangAttributes(string textCulture)
    {
        if (textCulture == CultureInfo.CurrentUICulture.Name) return HtmlString.Empty;
        var ci = CultureInfo.GetCultureInfo(textCulture);
        return new HtmlString($" lang=\"{textCulture}\" dir=\"{PortalCultures.Direction(ci)}\"");
    }

    public static IHtmlContent LangAttributes<T>(Localized<T> text) where T : IPublishedText => LangAttributes(text.Text.Culture);

    /// <summary>
    /// A UI string with the item's title in place of {0}, in a &lt;bdi&gt; (with lang when the title is the fallback's), so
    /// that each link says where it goes ("Route to Return Support Point Leiden") and screen readers can tell them apart.
    /// </summary>
    public static IHtmlContent Naming<T>(Microsoft.Extensions.Localization.LocalizedString format, Localized<T> item) where T : IPublishedText
        => WithHtml(format, new HtmlString($"<bdi{LangAttributes(item).ToString()}>{HtmlEncoding.AllScripts.Encode(item.Text.Title)}</bdi>"));

    /// <summary>A UI string with markup in place of its {0} (the localizer would encode it), the string's own text encoded.</summary>
    public static IHtmlContent WithHtml(Microsoft.Extensions.Localization.LocalizedString format, IHtmlContent html)
    {
        var parts = format.Value.Split("{0}", 2);
        var encoder = HtmlEncoding.AllScripts;
        return new HtmlString(parts.Length == 2 ? encoder.Encode(parts[0]) + html + encoder.Encode(parts[1]) : encoder.Encode(format.Value));
    }

    /// <summary>
    /// A moment as the workspace shows it, in Amsterdam time with the zone ("5 december 2026, 10:10 (CET)",
    /// <see cref="WorkspaceTime"/>), in a &lt;time&gt; element whose datetime is the exact UTC moment in a form the HTML
    /// standard accepts (round-trip "o" has seven fraction digits, which it does not).
    /// </summary>
    public static IHtmlContent Moment(DateTimeOffset at)
        => new HtmlString($"<time datetime=\"{Utc(at)}\">{HtmlEncoder.Default.Encode(WorkspaceTime.Format(at, CultureInfo.CurrentCulture))}</time>");

    private static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// When a mirror copy was made (<see cref="Portal.Operations.SiteMirror"/>): the day as <see cref="Date"/> writes it,
    /// then the Amsterdam time with its zone, kept left to right inside right-to-left text.
    /// </summary>
    public static IHtmlContent Made(DateTimeOffset at)
    {
        var local = WorkspaceTime.Local(at);
        var time = $"{local.ToString("HH:mm", CultureInfo.InvariantCulture)} ({WorkspaceTime.ZoneName(at)})";
        var comma = CultureInfo.CurrentCulture.TextInfo.IsRightToLeft ? "،" : ","; // Arabic, Persian and Sorani write the Arabic comma
        return new HtmlString($"<time datetime=\"{Utc(at)}\">{DateText(DateOnly.FromDateTime(local))}{comma} <bdi dir=\"ltr\">{time}</bdi></time>");
    }

    /// <summary>
    /// A date as the reader's language writes it (<see cref="ReaderDates"/>), in a &lt;time&gt; element. A language with
    /// another calendar (fa: Solar Hijri) also gets the Gregorian date beside it, so reader and counsellor agree on the day.
    /// </summary>
    public static IHtmlContent Date(DateOnly date)
    {
        var culture = CultureInfo.CurrentCulture;
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var html = $"<time datetime=\"{iso}\">{HtmlEncoding.AllScripts.Encode(ReaderDates.Long(date, culture))}</time>";
        if (ReaderDates.Gregorian(date, culture) is { } gregorian)
            html += $" ({HtmlEncoding.AllScripts.Encode(gregorian)})";
        return new HtmlString(html);
    }

    /// <summary>The day as <see cref="Date"/> writes it (with the Gregorian date for fa), as encoded text.</summary>
    private static string DateText(DateOnly date)
    {
        var culture = CultureInfo.CurrentCulture;
        var text = HtmlEncoding.AllScripts.Encode(ReaderDates.Long(date, culture));
        return ReaderDates.Gregorian(date, culture) is { } gregorian ? $"{text} ({HtmlEncoding.AllScripts.Encode(gregorian)})" : text;
    }
}
