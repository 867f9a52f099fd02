using Portal.Api;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: strings in, positions out.
/// <summary>
/// The cursor envelope shared by the list pages and the change feed. Cursors handed out before it was shared must
/// still open: a client may hold one across a deploy.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class SealedCursorTests
{
    // Made outside .NET (Python: version byte, big-endian payload, sha256[:4], urlsafe base64 without padding),
    // the format both cursors used before the envelope was shared.
    [Fact]
    public void CursorsInTheEarlierFormatStillOpen()
    {
        Assert.True(ListPaging.Cursor.TryParse("AQAAAANhYm91dEAIkeQ", out var offset, out var key));
        Assert.Equal((3, "about"), (offset, key));
        Assert.Equal("AQAAAANhYm91dEAIkeQ", ListPaging.Cursor.Format(3, "about"));

        Assert.True(ChangeFeed.Cursor.TryParse("AQAAAAAAAAAqzcg7Ng", out var id));
        Assert.Equal(42, id);
        Assert.Equal("AQAAAAAAAAAqzcg7Ng", ChangeFeed.Cursor.Format(42));
    }

    [Fact]
    public void ACursorOpensOnlyWithItsOwnVersionAndUnaltered()
    {
        var sealedCursor = SealedCursor.Seal(7, [1, 2, 3]);
        Assert.True(SealedCursor.TryOpen(sealedCursor, 7, out var payload));
        Assert.Equal([1, 2, 3], payload);

        Assert.False(SealedCursor.TryOpen(sealedCursor, 1, out _));
        var altered = sealedCursor[..^2] + (sealedCursor[^2] == 'A' ? 'B' : 'A') + sealedCursor[^1];
        Assert.False(SealedCursor.TryOpen(altered, 7, out _));
        Assert.False(SealedCursor.TryOpen(sealedCursor + "=!", 7, out _));
        Assert.False(SealedCursor.TryOpen(new string('A', 400), 7, out _));
    }
}
