using System.Text.Encodings.Web;
using System.Text.Unicode;
using Portal.Infrastructure;

namespace Portal.Localization;

/// <summary>
/// Razor's default encoder writes every letter outside Basic Latin as an entity (&amp;#x627;…): 1,027 of them on the
/// Arabic Iraq page, which inflated it and made its source unreadable. Every script is written as characters; markup
/// (&lt; &amp; " ' &gt;) is still escaped, which is all that HTML needs in UTF-8. Control characters become U+FFFD
/// (<see cref="ControlFreeHtmlEncoder"/>), whatever is stored.
/// </summary>
public static class HtmlEncoding
{
    public static readonly HtmlEncoder AllScripts = new ControlFreeHtmlEncoder(HtmlEncoder.Create(UnicodeRanges.All));

    /// <summary>The encoder every Razor view writes text with.</summary>
    public static IServiceCollection AddAllScriptsHtmlEncoder(this IServiceCollection services)
        => services.AddSingleton(AllScripts);
}
