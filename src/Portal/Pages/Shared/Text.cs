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
    /// A moment as the workspace shows it (UTC, "u") in a &lt;time&gt; element whose datetime the HTML standard accepts
    /// (round-trip "o" has seven fraction digits, which it does not).
    /// </summary>
    public static IHtmlContent Moment(DateTimeOffset at)
        => new HtmlString($"<time datetime=\"{at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{at.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}</time>");

    /// <summary>
    /// A date as the reader's culture writes it, in a &lt;time&gt; element. Cultures with another calendar (fa: the Persian
    /// calendar) also get the Gregorian date beside it, so reader and counsellor agree on the day.
    /// </summary>
    public static IHtmlContent Date(DateOnly date)
    {
        var culture = CultureInfo.CurrentCulture;
        var local = date.ToString("D", culture);
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var html = $"<time datetime=\"{iso}\">{HtmlEncoding.AllScripts.Encode(local)}</time>";
        if (culture.DateTimeFormat.Calendar is not GregorianCalendar)
            html += $" (<bdi dir=\"ltr\">{iso}</bdi>)";
        return new HtmlString(html);
    }
}
