using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization;
using Portal.Api;
using Portal.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

/// <summary>Every kind has one row in the kinds table, and every place that differs by kind reads it; a value outside it is an error.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class ContentKindsTests
{
    public static TheoryData<ContentKind> Kinds() => new(Enum.GetValues<ContentKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindHasARowThatEveryLookupReads(ContentKind kind)
    {
        var info = ContentKinds.Of(kind);
        Assert.Equal(kind, info.Kind);
        Assert.Matches("^[a-z]+(-[a-z]+)*$", info.Name);
        Assert.Equal(info.Name, kind.ToKebab());
        Assert.True(ContentKinds.TryParse(info.Name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.False(string.IsNullOrWhiteSpace(info.Folder));
        Assert.False(string.IsNullOrWhiteSpace(info.LanguageIndependent));
        Assert.Equal($"kind:{info.Name}", ContentCacheTags.Kind(kind));

        var reader = ReaderUrls.For(kind, "fr", "a-slug", "a-guide");
        var api = ApiUrls.For(kind, "fr", "a-slug", "a-guide");
        Assert.StartsWith("/fr/", reader);
        Assert.StartsWith(ApiUrls.Base + "/fr/", api);
        // A kind read under its guide takes the guide's slug; every other kind its own.
        var slug = info.UnderGuide ? "a-guide" : "a-slug";
        Assert.Contains(slug, reader);
        Assert.Contains(slug, api);
        Assert.Equal(info.UnderGuide, !reader.Contains("a-slug"));
    }

    [Fact]
    public void NamesAndFoldersAreDistinctAndTheTableHoldsEachKindOnce()
    {
        Assert.Equal(Enum.GetValues<ContentKind>(), ContentKinds.All.Select(k => k.Kind));
        Assert.Equal(ContentKinds.All.Count, ContentKinds.All.Select(k => k.Name).Distinct().Count());
        Assert.Equal(ContentKinds.All.Count, ContentKinds.All.Select(k => k.Folder).Distinct().Count());
        Assert.Equal(string.Join(", ", ContentKinds.All.Select(k => k.Name)), ContentKinds.Names);
    }

    [Fact]
    public void TheUrlsAreTodaysUrls()
    {
        Assert.Equal("/nl/countries/guinea", ReaderUrls.For(ContentKind.CountryGuide, "nl", "guinea"));
        Assert.Equal("/nl/countries/guinea/safety", ReaderUrls.For(ContentKind.SafetyAssessment, "nl", "guinea-veiligheid", "guinea"));
        Assert.Equal("/nl/countries/guinea-veiligheid/safety", ReaderUrls.For(ContentKind.SafetyAssessment, "nl", "guinea-veiligheid")); // no guide slug known
        Assert.Equal("/nl/support-points#den-haag", ReaderUrls.For(ContentKind.SupportPoint, "nl", "den-haag"));
        Assert.Equal("/nl/stories/amina", ReaderUrls.For(ContentKind.Story, "nl", "amina"));
        Assert.Equal("/nl/privacy", ReaderUrls.For(ContentKind.Page, "nl", "privacy"));
        Assert.Equal("/api/v1/nl/countries/guinea", ApiUrls.For(ContentKind.CountryGuide, "nl", "guinea"));
        Assert.Equal("/api/v1/nl/countries/guinea/safety", ApiUrls.For(ContentKind.SafetyAssessment, "nl", "guinea-veiligheid", "guinea"));
        Assert.Equal("/api/v1/nl/support-points/den-haag", ApiUrls.For(ContentKind.SupportPoint, "nl", "den-haag"));
        Assert.Equal("/api/v1/nl/stories/amina", ApiUrls.For(ContentKind.Story, "nl", "amina"));
        Assert.Equal("/api/v1/nl/pages/privacy", ApiUrls.For(ContentKind.Page, "nl", "privacy"));
    }

    [Fact]
    public void EveryContentFolderBelongsToAKind()
    {
        var folders = Directory.GetDirectories(RepoPaths.Content).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(ContentKinds.All.Select(k => k.Folder).Order(), folders);
    }

    [Fact]
    public void TheJsonDiscriminatorsAreTheKindsNamesAndFieldsTypes()
    {
        var derived = typeof(ContentFields).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .Select(a => ((string)a.TypeDiscriminator!, a.DerivedType)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
        var table = ContentKinds.All.Where(k => k.FieldsType is not null).Select(k => (k.Name, k.FieldsType!)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(table, derived);
        foreach (var info in ContentKinds.All.Where(k => k.FieldsType is not null))
            Assert.Equal(info.Kind, ContentKinds.OfFields((ContentFields)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(info.FieldsType!)));
    }

    [Fact]
    public void TheManagementApiDescribesEveryKind()
    {
        var description = typeof(ManagedTextDto).GetProperty(nameof(ManagedTextDto.Kind))!.GetCustomAttribute<DescriptionAttribute>()!.Description;
        Assert.All(ContentKinds.All, k => Assert.Contains(k.Name, description));
    }

    [Fact]
    public void AValueOutsideTheTableIsAnErrorNeverAPage()
    {
        var unknown = (ContentKind)99;
        Assert.Throws<ArgumentOutOfRangeException>(() => ContentKinds.Of(unknown));
        Assert.Throws<ArgumentOutOfRangeException>(() => unknown.ToKebab());
        Assert.Throws<ArgumentOutOfRangeException>(() => ReaderUrls.For(unknown, "nl", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiUrls.For(unknown, "nl", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContentKinds.Of(default));
        Assert.False(ContentKinds.TryParse("recipe", out _));
        Assert.False(ContentKinds.TryParse(null, out _));
        Assert.False(ContentKinds.TryParse("Page", out _)); // the kebab name only, as in front matter and URLs
    }
}
