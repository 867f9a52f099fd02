using System.Globalization;

namespace Portal.Localization;

/// <summary>
/// A date as the reader's language writes it (docs/decisions/0009-dates-and-language-tags-for-persian-and-sorani.md): Persian in the
/// Solar Hijri calendar with Persian digits, day month year ("۷ آذر ۱۴۰۵"), with the Gregorian date beside it in the
/// same words and digits; Sorani in the Gregorian calendar, day month year with the digits its texts use ("28ی تشرینی
/// دووەم 2026"). Every other language: its long date pattern (.NET's, from ICU).
/// </summary>
public static class ReaderDates
{
    /// <summary>Gregorian month names as Persian texts write them (ICU gives the Persian calendar's only).</summary>
    private static readonly string[] PersianGregorianMonths =
        ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"];

    private static readonly PersianCalendar Persian = new();

    public static string Long(DateOnly date, CultureInfo culture) => culture.Name switch
    {
        "fa" => PersianDigits($"{Persian.GetDayOfMonth(At(date))} {culture.DateTimeFormat.GetMonthName(Persian.GetMonth(At(date)))} {Persian.GetYear(At(date))}"),
        "ckb" => $"{date.Day}ی {new CultureInfo("ckb").DateTimeFormat.GetMonthName(date.Month)} {date.Year}",
        _ => date.ToString("D", culture),
    };

    /// <summary>The Gregorian date for readers whose calendar is another (fa), so reader and counsellor agree on the day; else null.</summary>
    public static string? Gregorian(DateOnly date, CultureInfo culture)
        => culture.Name == "fa" ? PersianDigits($"{date.Day} {PersianGregorianMonths[date.Month - 1]} {date.Year}") : null;

    private static DateTime At(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    private static string PersianDigits(string s) => ReaderNumbers.PersianDigits(s);
}
