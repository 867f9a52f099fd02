using System.Text.Encodings.Web;
using Portal.Content;

namespace Portal.Infrastructure;

/// <summary>
/// An HTML encoder that writes what its inner one does, except that a control character becomes U+FFFD
/// (the replacement character) rather than a character reference such as <c>&amp;#x0;</c>, which no valid HTML may
/// contain (<see cref="ControlCharacters"/>). (An encoder may not write nothing for a character.) Every HtmlEncoder
/// already stops at every control character, so only those take the slower path.
/// </summary>
public sealed class ControlFreeHtmlEncoder(HtmlEncoder inner) : HtmlEncoder
{
    public override int MaxOutputCharactersPerInputCharacter => inner.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) => inner.FindFirstCharacterToEncode(text, textLength);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (ControlCharacters.IsForbidden(unicodeScalar))
        {
            numberOfCharactersWritten = bufferLength > 0 ? 1 : 0;
            if (bufferLength == 0) return false;
            buffer[0] = '\uFFFD';
            return true;
        }
        return inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
    }

    public override bool WillEncode(int unicodeScalar) => inner.WillEncode(unicodeScalar);
}
