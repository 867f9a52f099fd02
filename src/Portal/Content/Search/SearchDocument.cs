namespace Portal.Content.Search;

/// <summary>
/// One item as the search of one language holds it: the reader's text, or the source text where it is untranslated
/// (<see cref="IsFallback"/>), reduced to plain words, plus every name the item goes by in any language.
/// </summary>
public sealed record SearchDocument(
    ContentKind Kind, string Url, string Culture, bool IsFallback, string Title, string Summary, string Body, string Names);
