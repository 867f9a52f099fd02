namespace Portal.Media;

/// <summary>
/// What an upload may be. Sizes per kind of file (README, docs/editor.md); dimensions are checked from the image's header,
/// before any pixel is decoded, so that a small file that would unpack to gigabytes (a decompression bomb) costs nothing.
/// </summary>
public static class MediaLimits
{
    public const int MaxImageBytes = 10 * 1024 * 1024;
    public const int MaxVideoBytes = 50 * 1024 * 1024;
    public const int MaxDocumentBytes = 10 * 1024 * 1024;

    /// <summary>
    /// How long reading one PDF may take (a leaflet takes milliseconds; a file crafted to keep the parser busy must not hold
    /// a request): past it the upload or import is refused with a clear message.
    /// </summary>
    public static readonly TimeSpan MaxDocumentCheckTime = TimeSpan.FromSeconds(10);

    public const int MaxImageSide = 8000;
    public const long MaxImagePixels = 40_000_000;

    /// <summary>A PNG cannot be decoded at a reduced size as a JPEG can: its full pixels (4 bytes each) must fit the memory budget.</summary>
    public const long MaxPngPixels = 16_000_000;

    /// <summary>The stored copy of an image is at most this wide: enough for any screen, and what a re-upload replaces.</summary>
    public const int MaxStoredWidth = 2560;

    /// <summary>The widths made for <c>srcset</c>; an image narrower than one gets no copy at that width (never upscaled).</summary>
    public static readonly int[] VariantWidths = [320, 640, 1280];

    /// <summary>
    /// Where files are uploaded: the one path whose request body may exceed <see cref="Infrastructure.RequestLimits.MaxBodyBytes"/>,
    /// up to the largest file (a video) plus the form around it. ASP.NET buffers a file part over 64 KB to a temporary file,
    /// so a 50 MB upload is on disk, not in memory, while it is checked.
    /// </summary>
    public const string UploadPath = "/editor/media";
    public const long MaxUploadRequestBytes = MaxVideoBytes + 256 * 1024;
}
