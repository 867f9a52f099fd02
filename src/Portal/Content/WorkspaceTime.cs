using System.Globalization;

namespace Portal.Content;

/// <summary>
/// The organisation works in Amsterdam: the workspace shows every moment there, with its zone (CET or CEST), and reads
/// the times editors type (a schedule) as Amsterdam time, whatever zone the server runs in.
/// </summary>
public static class WorkspaceTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>"5 december 2026, 10:10 (CET)" in nl, "5 December 2026, 10:10 (CET)" in en; "(CEST)" in summer.</summary>
    public static string Format(DateTimeOffset at, CultureInfo culture) => $"{Local(at).ToString("d MMMM yyyy, HH:mm", culture)} ({ZoneName(at)})";

    /// <summary>The wall-clock time in Amsterdam at that moment (and so the day it is there).</summary>
    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>The zone's abbreviation at that moment; .NET has no abbreviations, and Amsterdam has only these two.</summary>
    public static string ZoneName(DateTimeOffset at) => Zone.IsDaylightSavingTime(at) ? "CEST" : "CET";

    /// <summary>
    /// A wall-clock time typed in the workspace, as a moment. A time the spring change skips (02:30 on the last Sunday of
    /// March) is read with the winter offset, an hour that happens twice in October as its first, summer, occurrence.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
