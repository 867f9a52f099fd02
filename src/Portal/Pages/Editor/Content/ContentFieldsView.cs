using Portal.Content;

namespace Portal.Pages.Editor.Content;

/// <summary>What the kind's fields partial (<c>_ContentFields</c>) shows: the form, for which kind, read-only for a translation (facts follow the source).</summary>
public sealed record ContentFieldsView(ContentForm Form, ContentKind Kind, bool ReadOnly, IReadOnlyList<string> Cultures);
