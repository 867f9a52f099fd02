using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The key an uploaded file gets from its name, when that name is written in Arabic script or in no script at all.</summary>
[Trait(TestDatabase.Trait, TestDatabase.EveryProvider)]
public sealed class MediaKeysTests : IDisposable
{
    private readonly PortalApplication _app = new();
    private static readonly Actor Editor = new("editor@example.org", new HashSet<string> { Roles.Editor });

    private Task<string?> UploadAsync(string name) => _app.WithDbAsync(async (_, sp) =>
    {
        var (result, key) = await sp.GetRequiredService<UploadMedia.Handler>().HandleAsync(new(null, name, TestImages.Jpeg(100, 80)), Editor);
        Assert.True(result.Succeeded, result.Message);
        return key;
    });

    [Fact]
    public async Task ANameInFarsiOrArabicGivesAReadableAsciiKeyAndANameWithNoLettersGivesTheNextFreeImageNumber()
    {
        Assert.Equal("prtrh-mazn", await UploadAsync("پرتره مازن.jpg"));
        Assert.Equal("swra", await UploadAsync("صورة.png"));
        Assert.Equal("wrqa-2025", await UploadAsync("ورقة ٢٠٢٥.jpg"));

        Assert.Equal("image-1", await UploadAsync("😀.jpg"));
        Assert.Equal("image-2", await UploadAsync("★★.jpg"));
    }

    public void Dispose() => _app.Dispose();
}
