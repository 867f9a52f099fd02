namespace Portal.Content;

/// <summary>
/// Whether a support point is open at a moment, in Amsterdam time, from its weekly hours and dated exceptions. Says when
/// that answer next changes (a closing or opening time, or midnight, when "today" becomes another day), so a cached page
/// is kept no longer than it is true: see docs/architecture.md (the support-point finder).
/// </summary>
public sealed record OpeningStatus(OpeningState State, DateOnly? Date, string? From, string? To, DateTimeOffset? Changes)
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    // Two weeks covers a closed holiday week; beyond that "opens at" would say little.
    private const int DaysAhead = 14;

    public static OpeningStatus At(SupportPointFields f, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Amsterdam).DateTime;
        var today = DateOnly.FromDateTime(local);
        var midnight = Utc(today.AddDays(1), "00:00");
        if (!f.OpeningHours.Any(h => h.Day is not null)) return new(OpeningState.Unknown, null, null, null, null);
        var time = local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (from, to) in Hours(f, today))
            if (string.CompareOrdinal(from, time) <= 0 && string.CompareOrdinal(time, to) < 0)
                return new(OpeningState.Open, today, from, to, Min(Utc(today, to), midnight));
        for (var d = 0; d <= DaysAhead; d++)
        {
            var date = today.AddDays(d);
            foreach (var (from, to) in Hours(f, date))
                if (d > 0 || string.CompareOrdinal(from, time) > 0)
                    return new(OpeningState.Opens, date, from, to, Min(Utc(date, from), midnight));
        }
        return new(OpeningState.Closed, null, null, null, midnight);
    }

    /// <summary>The opening times of one date, earliest first: the date's exception if it has one, else its weekday's rows.</summary>
    public static IReadOnlyList<(string From, string To)> Hours(SupportPointFields f, DateOnly date)
    {
        if (f.HoursExceptions.FirstOrDefault(e => e.Date == date) is { } exception)
            return exception is { From: { } ef, To: { } et } ? [(ef, et)] : [];
        return f.OpeningHours.Where(h => h.Day == date.DayOfWeek && h.From is not null && h.To is not null)
            .Select(h => (h.From!, h.To!)).OrderBy(h => h.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>A weekday's name as <paramref name="culture"/> writes it ("maandag", "الاثنين").</summary>
    public static string DayName(DayOfWeek? day, System.Globalization.CultureInfo culture)
        => day is { } d ? culture.DateTimeFormat.GetDayName(d) : "?";

    /// <summary>The UI string for walk-in or by appointment.</summary>
    public static string LocaleKey(Visiting visits) => visits == Visiting.WalkIn ? "support.walk-in" : "support.by-appointment";

    private static DateTimeOffset Utc(DateOnly date, string time)
    {
        var local = date.ToDateTime(TimeOnly.ParseExact(time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        if (Amsterdam.IsInvalidTime(local)) local = local.AddHours(1); // the hour skipped in March
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

public enum OpeningState
{
    /// <summary>No opening hours are known.</summary>
    Unknown,
    Open,
    /// <summary>Closed now; opens on <see cref="OpeningStatus.Date"/> at <see cref="OpeningStatus.From"/>.</summary>
    Opens,
    /// <summary>Hours are known but none fall in the next two weeks.</summary>
    Closed,
}
