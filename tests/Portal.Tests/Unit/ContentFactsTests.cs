using Portal.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

/// <summary>Language-independent facts come from the source; a translation's wording only while it fits them.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class ContentFactsTests
{
    private static readonly SafetyDimension Unknown = new(SafetyLevel.Individual, "Hangt af van je situatie.", "Praat met een counselor.");

    private static SafetyFields Safety(SafetyDimension physical, DateOnly effective) =>
        new("IQ", "iraq", effective, new DateOnly(2027, 2, 28), Unknown, physical, Unknown, []);

    private static PublishedSummary Text(string culture, ContentFields fields, ContentFields? madeFrom) => new(
        1, ContentKind.SafetyAssessment, "iraq-safety", "IQ", 0, culture, "iraq-safety", "t", "s", fields,
        new DateOnly(2026, 11, 28), true, madeFrom is null ? null : 1, madeFrom, 1, null);

    private static readonly SafetyFields Before = Safety(Unknown, new DateOnly(2026, 11, 28));
    private static readonly SafetyFields After = Safety(new SafetyDimension(SafetyLevel.High, "Hoog risico.", "Gevechten langs de route."), new DateOnly(2026, 12, 1));

    // An English translation made from Before, with its own (older) copy of the facts and English wording.
    private static readonly SafetyFields English = Safety(Unknown with { Summary = "Depends on your situation." }, new DateOnly(2026, 11, 28))
        with { Legal = Unknown with { Summary = "Legal, in English." } };

    [Fact]
    public void AReaderOfATranslationGetsTheSourcesLevelsAndDatesNotTheTranslationsCopy()
    {
        var picked = Localized.Pick([Text("nl", After, null), Text("en", English, Before)], 1, "en", "nl")!;
        var fields = (SafetyFields)picked.Fields!;
        Assert.Equal(SafetyLevel.High, fields.Physical.Level);
        Assert.Equal(new DateOnly(2026, 12, 1), fields.Effective);
        Assert.Equal("Hoog risico.", fields.Physical.Summary); // never the old English wording under the new level
        Assert.Equal("Legal, in English.", fields.Legal.Summary); // an unchanged dimension keeps its translation
    }

    [Fact]
    public void EachDimensionSaysWhichLanguageItsWordingIsIn()
    {
        var picked = Localized.Pick([Text("nl", After, null), Text("en", English, Before)], 1, "en", "nl")!;
        var dims = ContentFacts.SafetyDimensions(picked).ToDictionary(d => d.Name);
        Assert.Equal(("en", false), (dims["legal"].Culture, dims["legal"].WordingPending));
        Assert.Equal(("nl", true, SafetyLevel.High), (dims["physical"].Culture, dims["physical"].WordingPending, dims["physical"].Level));
    }

    [Fact]
    public void WithoutAPublishedSourceTheFactsAreThoseTheTranslationWasMadeFrom()
    {
        var picked = Localized.Pick([Text("en", English with { Effective = new DateOnly(2020, 1, 1) }, Before)], 1, "en", "nl")!;
        Assert.Equal(new DateOnly(2026, 11, 28), ((SafetyFields)picked.Fields!).Effective);
    }

    [Fact]
    public void ATranslationStoresTheSourcesFactsWithItsOwnWording()
    {
        var stored = (SafetyFields)ContentFacts.ForTranslation(After, English with { Physical = English.Physical with { Level = SafetyLevel.Low } })!;
        Assert.Equal((SafetyLevel.High, new DateOnly(2026, 12, 1)), (stored.Physical.Level, stored.Effective));
        Assert.Equal("Depends on your situation.", stored.Physical.Summary);
    }
}
