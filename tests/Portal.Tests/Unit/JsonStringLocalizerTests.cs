using System.Globalization;
using Portal.Localization;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: the localizer reads locales/*.json only. It never opens a database, so the PostgreSQL pass skips it.
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class JsonStringLocalizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locales").FullName;
    private readonly CultureInfo _saved = CultureInfo.CurrentUICulture;

    public JsonStringLocalizerTests()
    {
        File.WriteAllText(Path.Combine(_dir, "fr.json"), """{ "greeting": "Bonjour", "only.fr": "Seulement" }""");
        File.WriteAllText(Path.Combine(_dir, "fr-CA.json"), """{ "greeting": "Allô" }""");
    }

    [Fact]
    public void ASpecificCultureFallsBackToItsParentForAMissingString()
    {
        var localizer = new JsonStringLocalizerFactory(new LocalesFolder(_dir)).Create(typeof(object));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
        Assert.Equal("Allô", localizer["greeting"].Value);
        Assert.Equal("Seulement", localizer["only.fr"].Value);
    }

    [Fact]
    public void AMissingStringReturnsTheKeyMarkedAsNotFound()
    {
        var localizer = new JsonStringLocalizerFactory(new LocalesFolder(_dir)).Create(typeof(object));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ar");
        var s = localizer["greeting"];
        Assert.True(s.ResourceNotFound);
        Assert.Equal("greeting", s.Value);
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _saved;
        Directory.Delete(_dir, recursive: true);
    }
}
