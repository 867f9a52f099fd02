namespace Portal.Content;

/// <summary>
/// Control characters other than tab, newline and carriage return (C0, DEL, C1) and the non-characters U+FFFE/U+FFFF:
/// refused at input, and, as a second line of defence for text that got into the database anyway (an old revision, a
/// hand-made row), dropped where text is written into XML or HTML, which cannot carry them (an XML writer throws; an
/// HTML character reference to one is a parse error). One bad revision in the history must never fail a feed.
/// </summary>
public static class ControlCharacters
{
    public static bool IsForbidden(int c) => c is (< 0x20 and not ('\t' or '\n' or '\r')) or (>= 0x7F and <= 0x9F) or 0xFFFE or 0xFFFF;

    public static string Strip(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001F') && !text.AsSpan().ContainsAnyInRange('\u007F', '\u009F')
            && !text.AsSpan().ContainsAny('\uFFFE', '\uFFFF'))
            return text;
        return string.Create(text.Length - text.Count(c => IsForbidden(c)), text, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
                if (!IsForbidden(c)) span[i++] = c;
        });
    }
}
