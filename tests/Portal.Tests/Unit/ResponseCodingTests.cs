using Microsoft.Extensions.Primitives;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: an Accept-Encoding header in, the coding the cached answer is keyed by out.
/// <summary>
/// Which compressed copy a client gets from the output cache: the one response compression will make for it. A wrong
/// answer here gives a client a body in a coding it cannot read.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class ResponseCodingTests
{
    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")] // Chromium
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip, deflate", "gzip")] // browsers over plain HTTP, many proxies
    [InlineData("BR", "br")]
    [InlineData("brotli, gzip", "gzip")] // not the token br
    [InlineData("identity", "identity")]
    [InlineData("", "identity")]
    [InlineData("br;q=0, gzip", "gzip")] // weights are read
    [InlineData("gzip;q=1.0, br;q=0.5", "gzip")]
    [InlineData("*", "br")]
    [InlineData("*;q=0, gzip", "gzip")]
    public void TheCodingIsTheOneCompressionWillChoose(string header, string expected)
        => Assert.Equal(expected, ReaderCaching.Coding(new StringValues(header)));

    [Fact]
    public void SeveralHeaderLinesAreReadTogether()
        => Assert.Equal("br", ReaderCaching.Coding(new StringValues(["gzip", "br"])));

    [Fact]
    public void NoHeaderIsNoCompression() => Assert.Equal("identity", ReaderCaching.Coding(StringValues.Empty));
}
