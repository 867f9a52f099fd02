using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Portal.Content;

/// <summary>
/// A problem with one value of a text: where it is (a JSON path as the management API spells it: <c>title</c>,
/// <c>fields.counsellors[1].email</c>), and what is wrong as a key in <c>locales/editor/</c> with its arguments, so the
/// workspace shows it in its own language beside the field, the API answers it in English and the importer with file and line.
/// </summary>
public sealed record FieldError(string Path, string Key, params object[] Args)
{
    /// <summary>The message in the current UI culture (the workspace's).</summary>
    public string Message(IStringLocalizer strings) => strings[Key, Args].Value;

    /// <summary>The message in English, for the API and the command line.</summary>
    public string English(IStringLocalizerFactory? strings)
    {
        if (strings is null) return Args.Length == 0 ? Key : $"{Key} ({string.Join(", ", Args)})";
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            return Message(strings.Create(typeof(FieldError)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public override string ToString() => $"{Path}: {Key}";
}
