using System.Globalization;
using Portal.Content;
using Portal.Pages.Shared;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: time zones and formats only, no database, so the PostgreSQL pass skips it.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class WorkspaceTimeTests
{
    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void AWinterMomentIsShownInAmsterdamTimeAsCetInBothWorkspaceLanguages()
    {
        var at = new DateTimeOffset(2026, 12, 5, 9, 10, 0, TimeSpan.Zero);
        Assert.Equal("5 december 2026, 10:10 (CET)", WorkspaceTime.Format(at, Nl));
        Assert.Equal("5 December 2026, 10:10 (CET)", WorkspaceTime.Format(at, En));
    }

    [Fact]
    public void ASummerMomentIsShownAsCestTwoHoursAheadOfUtc()
    {
        var at = new DateTimeOffset(2026, 7, 1, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal("2 juli 2026, 00:30 (CEST)", WorkspaceTime.Format(at, Nl));
        Assert.Equal("2 July 2026, 00:30 (CEST)", WorkspaceTime.Format(at, En));
    }

    [Fact]
    public void TheSameMomentGivenWithAnotherOffsetShowsTheSameAmsterdamTime()
    {
        var utc = new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero);      // one minute before the spring change
        Assert.Equal("29 March 2026, 01:59 (CET)", WorkspaceTime.Format(utc.ToOffset(TimeSpan.FromHours(-5)), En));
        Assert.Equal("29 March 2026, 03:00 (CEST)", WorkspaceTime.Format(utc.AddMinutes(1), En));
    }

    [Fact]
    public void ATypedScheduleTimeIsReadAsAmsterdamTime()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 9, 10, 0, TimeSpan.Zero), WorkspaceTime.FromLocal(new DateTime(2026, 12, 5, 10, 10, 0)));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), WorkspaceTime.FromLocal(new DateTime(2026, 7, 1, 10, 0, 0)));
        // 02:30 on 25 October 2026 happens twice; the first (summer) one is meant.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), WorkspaceTime.FromLocal(new DateTime(2026, 10, 25, 2, 30, 0)));
    }

    [Fact]
    public void TheWorkspacesTimeElementKeepsTheExactMomentAndShowsNoUtcOrIsoText()
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Nl;
            using var html = new StringWriter();
            Text.Moment(new DateTimeOffset(2026, 12, 5, 10, 10, 0, TimeSpan.FromHours(1))).WriteTo(html, System.Text.Encodings.Web.HtmlEncoder.Default);
            Assert.Equal("<time datetime=\"2026-12-05T09:10:00Z\">5 december 2026, 10:10 (CET)</time>", html.ToString());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }
}
