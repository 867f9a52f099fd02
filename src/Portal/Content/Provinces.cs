namespace Portal.Content;

/// <summary>
/// The twelve provinces of the Netherlands: a support point's region. Stored as these codes; readers see the name in
/// their language (UI string "region.{code}").
/// </summary>
public static class Provinces
{
    public static readonly IReadOnlyList<string> All =
    [
        "drenthe", "flevoland", "friesland", "gelderland", "groningen", "limburg",
        "noord-brabant", "noord-holland", "overijssel", "utrecht", "zeeland", "zuid-holland",
    ];

    public static bool IsProvince(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    public static string LocaleKey(string code) => "region." + code;
}
