namespace Portal.Content;

/// <summary>
/// The languages a support point can say it speaks, as BCP 47 codes: the portal's six and those its readers most often
/// speak besides. Readers see the name in their own language (UI string "spoken.{code}"); a code outside this list is
/// refused, so every one shown has a name. Adding one means adding its name to the six reader locales.
/// </summary>
public static class SpokenLanguages
{
    public static readonly IReadOnlyList<string> All = ["nl", "en", "fr", "de", "ar", "fa", "ckb", "kmr", "ps", "ti", "so", "tr"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    public static string LocaleKey(string code) => "spoken." + code;
}
