namespace Portal.Media;

public enum MediaKind { Image, Video, Document }

/// <summary>
/// One file an editor placed in the media library, by a key that Markdown bodies name (<c>![[media:key]]</c>). The file
/// itself lives in <see cref="MediaRevision"/> rows: replacing it adds a revision under the same key, so bodies that use
/// it show the new file without an edit. Its own table, not a content kind: docs/decisions/0011-media-in-its-own-tables.md.
/// </summary>
public class MediaItem
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public MediaKind Kind { get; set; }

    /// <summary>What the editor called it (the uploaded file's name unless they changed it): what the library's search finds.</summary>
    public required string Name { get; set; }

    public int? CurrentRevisionId { get; set; }
    public MediaRevision? CurrentRevision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>Set while retired: out of the library's list and refused in new bodies; its files stay for old links.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>App-incremented optimistic concurrency token, as on <see cref="Content.ContentTranslation"/>.</summary>
    public int Version { get; set; }

    /// <summary>For a video: the key of the image item shown before it plays (required before a body with it is published).</summary>
    public string? PosterKey { get; set; }

    public List<MediaRevision> Revisions { get; set; } = [];
    public List<MediaAltText> AltTexts { get; set; } = [];

    /// <summary>For a video: every version of its subtitles and transcripts (<see cref="MediaText"/>).</summary>
    public List<MediaText> Texts { get; set; } = [];

    public const int MaxKey = 100;
    public const int MaxName = 200;
}

/// <summary>
/// One version of a media item's file, as stored after its checks: for an image, the pixels re-encoded (no metadata), never
/// the uploaded bytes. Rows are only inserted. <see cref="Bytes"/> is large: query it only through a projection.
/// </summary>
public class MediaRevision
{
    public int Id { get; set; }
    public int MediaItemId { get; set; }
    public int Number { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex; its start fingerprints the variants' URLs.</summary>
    public required string Sha256 { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    /// <summary>The file, or empty when the folder store keeps it (<see cref="MediaStore"/>, found by <see cref="Sha256"/>).</summary>
    public required byte[] Bytes { get; set; }

    /// <summary>For a document: the language of this file (a leaflet per language); null for an image.</summary>
    public string? Culture { get; set; }

    /// <summary>
    /// For a document: the author or editing metadata it carries ("Author, Creator, XMP"), which the editor is warned of
    /// (it can name the person who wrote it); null when it carries none.
    /// </summary>
    public string? MetadataFields { get; set; }

    public const int MaxMetadataFields = 200;

    /// <summary>The <see cref="MetadataFields"/> of a checked PDF: its fields' names, cut to the column's length; null for none.</summary>
    public static string? MetadataSummary(IReadOnlyList<string> fields)
        => fields.Count == 0 ? null : string.Join(", ", fields) is var f && f.Length > MaxMetadataFields ? f[..MaxMetadataFields] : f;
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    public List<MediaVariant> Variants { get; set; } = [];

    /// <summary>The fingerprint in every URL of this revision's files.</summary>
    public string Fingerprint => Sha256[..12];
}

/// <summary>A smaller copy of an image revision for narrow screens (320, 640, 1280 px wide), in one format, made on upload.</summary>
public class MediaVariant
{
    public int Id { get; set; }
    public int RevisionId { get; set; }
    public MediaRevision Revision { get; set; } = null!;

    /// <summary>Its name under <c>/media/&lt;key&gt;/</c>: "&lt;fingerprint&gt;-&lt;width&gt;.&lt;ext&gt;".</summary>
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Where the folder store keeps it; as <see cref="MediaRevision.Sha256"/>.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>As <see cref="MediaRevision.Bytes"/>: empty when the folder store keeps it.</summary>
    public required byte[] Bytes { get; set; }
}

/// <summary>
/// The alt text of an image in one language, or the title of a document (its link text) in one language. Dutch is the source: a translation records which version of the Dutch text
/// it was made from, so that a change of the Dutch text marks it outdated, as texts are.
/// </summary>
public class MediaAltText
{
    public int Id { get; set; }
    public int MediaItemId { get; set; }
    public required string Culture { get; set; }
    public required string Text { get; set; }

    /// <summary>Counts this text's changes; what translations compare their <see cref="SourceVersion"/> with.</summary>
    public int Version { get; set; }

    /// <summary>For a translation: the source text's <see cref="Version"/> it was written from.</summary>
    public int? SourceVersion { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const int MaxText = 500;
}
