using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Api;

/// <summary>
/// Cursor paging of the delivery API's lists (countries, support points, stories, pages): <c>?limit=</c> items per
/// answer, and <c>?next=</c> the cursor of the previous answer, as the change feed pages with <c>since</c>. A list is
/// read whole (one SQL command, as for the reader page) and cut here, so 1,000 countries are still one read but no
/// longer one 1 MB answer.
/// </summary>
public static class ListPaging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public const string LimitDoc = "At most this many items (1–200, default 50).";
    public const string NextDoc = "The next cursor of the previous answer, for the items after it; leave out for the first page.";
    public const string NextFieldDoc = "Pass as ?next= (with the same filters and limit) for the items after these; null on the last page.";
    public const string HasMoreDoc = "True when more items follow: ask again with next.";

    /// <summary>Where a page starts and how long it is, read from the query.</summary>
    public readonly record struct Request(int Limit, int Offset, string? AfterKey);

    public static bool TryRead(string? limit, string? next, out Request request, out ProblemHttpResult? refused)
    {
        request = default;
        refused = null;
        if (!TryLimit(limit, DefaultLimit, MaxLimit, out var take))
        {
            refused = ChangeFeed.BadParameter("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            return false;
        }
        var (offset, after) = (0, (string?)null);
        if (next is not null && !Cursor.TryParse(next, out offset, out after))
        {
            refused = ChangeFeed.BadParameter("next", "This is not a cursor this list gave out. Start again without next.");
            return false;
        }
        request = new Request(take, offset, after);
        return true;
    }

    /// <summary>A limit from the query: absent is <paramref name="fallback"/>; anything but 1..<paramref name="max"/> in plain digits is refused.</summary>
    internal static bool TryLimit(string? limit, int fallback, int max, out int take)
    {
        take = fallback;
        return limit is null || (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) && take >= 1 && take <= max);
    }

    /// <summary>
    /// The page of <paramref name="items"/> the request asks for, and the cursor after it (null on the last page). The
    /// cursor holds the last item's key and position: the page goes on after that item even when items were added or
    /// removed before it meanwhile, and at its old position when the item itself is gone.
    /// </summary>
    public static (IReadOnlyList<T> Items, string? Next) Take<T>(IReadOnlyList<T> items, Request request, Func<T, string> key)
    {
        var start = Math.Min(request.Offset, items.Count);
        if (request.AfterKey is { } after)
        {
            for (var i = 0; i < items.Count; i++)
                if (key(items[i]) == after) { start = i + 1; break; }
        }
        var page = items.Skip(start).Take(request.Limit).ToList();
        var end = start + page.Count;
        return (page, end < items.Count && page.Count > 0 ? Cursor.Format(end, key(page[^1])) : null);
    }

    /// <summary>
    /// Position and the last item's key, in a <see cref="SealedCursor"/>: a mistyped or cut cursor is refused (400)
    /// rather than read as another position.
    /// </summary>
    internal static class Cursor
    {
        private const byte Version = 1;
        private const int MaxKeyBytes = 200;

        public static string Format(int offset, string key)
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            var payload = new byte[4 + keyBytes.Length];
            BinaryPrimitives.WriteInt32BigEndian(payload, offset);
            keyBytes.CopyTo(payload, 4);
            return SealedCursor.Seal(Version, payload);
        }

        public static bool TryParse(string value, out int offset, out string? key)
        {
            (offset, key) = (0, null);
            if (!SealedCursor.TryOpen(value, Version, out var payload) || payload.Length is < 4 or > 4 + MaxKeyBytes) return false;
            offset = BinaryPrimitives.ReadInt32BigEndian(payload);
            key = Encoding.UTF8.GetString(payload.AsSpan(4));
            return offset >= 0;
        }
    }
}
