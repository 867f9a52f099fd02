using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Localization;

namespace Portal.Media;

/// <summary>
/// The words of a document's download link in the reader's language: "Leaflet (PDF, 240 KB)", and the file's language
/// when it is another than the reader's ("(PDF, Dutch, 240 KB)"), the size written as that language writes numbers.
/// </summary>
public static class DocumentLinks
{
    public static string Details(DocumentFile file, string culture, IStringLocalizer strings)
    {
        var size = Size(file.Size, CultureInfo.GetCultureInfo(culture), strings);
        return file.Culture == culture ? strings["media.document.details", size] : strings["media.document.details-language", size, strings[$"media.language.{file.Culture}"].Value];
    }

    /// <summary>Whole kilobytes under a megabyte (never "0 KB"), else megabytes with one decimal.</summary>
    public static string Size(long bytes, CultureInfo culture, IStringLocalizer strings) => bytes < 1024 * 1024
        ? strings["media.size.kb", ReaderNumbers.Format(Math.Max(1, Math.Ceiling(bytes / 1024.0)), "0", culture)]
        : strings["media.size.mb", ReaderNumbers.Format(Math.Round(bytes / (1024.0 * 1024), 1), "0.#", culture)];

    /// <summary>A title as a file name: what no file system takes (separators, control characters, <c>:*?"&lt;&gt;|</c>) left out; null when nothing is left.</summary>
    public static string? FileTitle(string? title)
    {
        if (title is null) return null;
        var kept = new string([.. title.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))]).Trim().TrimEnd('.');
        return kept.Length == 0 ? null : kept.Length > 100 ? kept[..100] : kept;
    }
}
