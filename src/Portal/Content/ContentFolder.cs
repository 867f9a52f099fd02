namespace Portal.Content;

/// <summary>The resolved content folder: Portal:ContentPath (relative to the content root), else the repository's content/.</summary>
public sealed record ContentFolder(string Path);
