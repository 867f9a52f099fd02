using Microsoft.Extensions.Primitives;
using Portal.Infrastructure;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// Provider-independent: the store of ready copies is memory only. It never opens a database.
/// <summary>The limits of <see cref="HotPages"/>: bounded memory, no copy that outlives an eviction, none past its expiry.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public class HotPagesStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static HotPage Page(int bytes, TimeSpan? validFor = null)
        => new([new("Content-Type", new StringValues("text/html"))], new byte[bytes], ["reader"], Now, Now + (validFor ?? TimeSpan.FromHours(1)));

    [Fact]
    public void CopiesStopBeingAddedAtTheMemoryBudgetWhateverTheHostOrQueryAsked()
    {
        var store = new HotPages(maxBytes: 100_000);
        var added = Enumerable.Range(0, 100).Count(i => store.TryAdd($"http://host-{i}/nl/countries/guinea", Page(10_000), store.Generation, Now));
        Assert.Equal(9, added); // 10,000 bytes plus the 1 KB allowance each: 9 × 11,024 ≤ 100,000
        Assert.Equal(added, store.Count);
        Assert.False(store.TryAdd("http://big/", Page(HotPages.MaxPageBytes + 1), store.Generation, Now));
    }

    [Fact]
    public void ExpiredCopiesAreNotServedAndMakeRoomForNewOnes()
    {
        var store = new HotPages(maxBytes: 30_000);
        Assert.True(store.TryAdd("a", Page(10_000, TimeSpan.FromMinutes(1)), store.Generation, Now));
        Assert.True(store.TryAdd("b", Page(10_000, TimeSpan.FromMinutes(1)), store.Generation, Now));
        Assert.False(store.TryAdd("c", Page(10_000), store.Generation, Now)); // full

        var later = Now.AddMinutes(2);
        Assert.True(store.TryAdd("c", Page(10_000), store.Generation, later)); // "a" and "b" expired: their room is free
        Assert.False(store.TryGet("a", later, out _));
        Assert.True(store.TryGet("c", later, out _));
    }

    [Fact]
    public void ACopyMadeAcrossAnEvictionIsRefusedSoAnOldPageCannotOutliveAPublish()
    {
        var store = new HotPages();
        var before = store.Generation; // a request starts and reads the old page from the output cache...
        store.EvictByTag("reader"); // ...a publish evicts meanwhile...
        Assert.False(store.TryAdd("page", Page(100), before, Now)); // ...so its copy is not kept
        Assert.False(store.TryGet("page", Now, out _));

        Assert.True(store.TryAdd("page", Page(100), store.Generation, Now));
        store.EvictByTag("another-tag");
        Assert.True(store.TryGet("page", Now, out _)); // a tag the copy does not carry leaves it alone
        store.EvictByTag("reader");
        Assert.False(store.TryGet("page", Now, out _));
    }
}
