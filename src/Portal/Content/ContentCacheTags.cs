namespace Portal.Content;

/// <summary>Output-cache tags shared by reader pages and eviction, so a publish invalidates exactly what readers see.</summary>
public static class ContentCacheTags
{
    /// <summary>Every reader page: navigation and home lists show titles of many items, so a publish evicts them all.</summary>
    public const string Reader = "reader";

    public static string Item(int id) => $"content:{id}";
    public static string Kind(ContentKind kind) => $"kind:{kind.ToKebab()}";
}
