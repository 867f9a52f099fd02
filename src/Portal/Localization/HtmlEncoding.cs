using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace Portal.Localization;

/// <summary>
/// Razor's default encoder writes every letter outside Basic Latin as an entity (&amp;#x627;…): 1,027 of them on the
/// Arabic Iraq page, which inflated it and made its source unreadable. Every script is written as characters; markup
/// (&lt; &amp; " ' &gt;) is still escaped, which is all that HTML needs in UTF-8.
/// </summary>
public static class HtmlEncoding
{
    public static readonly HtmlEncoder AllScripts = HtmlEncoder.Create(UnicodeRanges.All);

    public static IServiceCollection AddAllScriptsHtmlEncoder(this IServiceCollection services)
        => services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
}
