using System.Globalization;
using System.Text;

namespace Portal.Localization;

/// <summary>
/// Numbers as the reader's language writes them: Persian with Persian digits (۲۴۰), as its dates are written
/// (<see cref="ReaderDates"/>); every other language with the digits and decimal separator of its .NET culture.
/// </summary>
public static class ReaderNumbers
{
    public static string Format(double value, string format, CultureInfo culture)
    {
        var text = value.ToString(format, culture);
        return culture.Name == "fa" ? PersianDigits(text) : text;
    }

    public static string PersianDigits(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(c is >= '0' and <= '9' ? (char)('۰' + (c - '0')) : c);
        return sb.ToString();
    }
}
