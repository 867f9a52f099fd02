using System.Globalization;
using Portal.Localization;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: dates and language tags in, strings out.
/// <summary>Dates as Persian and Sorani readers write them, and the language tags their phones send.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class ReaderDatesTests
{
    private static readonly DateOnly Day = new(2026, 11, 28);

    [Fact]
    public void PersianDatesAreSolarHijriDayMonthYearInPersianDigitsWithTheGregorianDayBeside()
    {
        var fa = CultureInfo.GetCultureInfo("fa");
        Assert.Equal("۷ آذر ۱۴۰۵", ReaderDates.Long(Day, fa));
        Assert.Equal("۲۸ نوامبر ۲۰۲۶", ReaderDates.Gregorian(Day, fa));
        Assert.Equal("۱۱ فروردین ۱۴۰۶", ReaderDates.Long(new DateOnly(2027, 3, 31), fa)); // a new year: Nowruz falls on 21 March
    }

    [Fact]
    public void SoraniDatesAreGregorianDayMonthYearWithoutTheYearFirst()
    {
        var ckb = CultureInfo.GetCultureInfo("ckb");
        Assert.Equal("28ی تشرینی دووەم 2026", ReaderDates.Long(Day, ckb));
        Assert.Null(ReaderDates.Gregorian(Day, ckb));
        Assert.DoesNotContain(",", ReaderDates.Long(Day, ckb));
    }

    [Theory]
    [InlineData("ku", "ckb")]
    [InlineData("ku-IQ", "ckb")]
    [InlineData("ku-Arab-IQ", "ckb")]
    [InlineData("ckb-IR", "ckb")]
    [InlineData("prs", "fa")]
    [InlineData("prs-AF", "fa")]
    [InlineData("fa-AF", "fa")]
    [InlineData("ku-Latn, en;q=0.5", "en")] // Kurmanji in Latin script is not Sorani
    [InlineData("ku-TR", null)]
    [InlineData("prsx", null)]
    public void PhonesLanguageTagsFindTheLanguageThePortalHasUnderAnotherName(string acceptLanguage, string? expected)
    {
        var cultures = new PortalCultures(new PortalOptions { SourceCulture = "nl", Cultures = ["nl", "en", "fr", "ar", "fa", "ckb"] });
        Assert.Equal(expected, cultures.Match(acceptLanguage));
    }
}
