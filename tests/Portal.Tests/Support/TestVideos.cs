using System.Collections.Concurrent;

namespace Portal.Tests.Support;

/// <summary>Short videos made by Debian's ffmpeg in the test (TOOLING.md's recipes), once per run and kind.</summary>
public static class TestVideos
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> Made = new();

    private const string Picture = "testsrc=duration=1:size=160x120:rate=10";
    private const string Sound = "sine=frequency=440:duration=1";

    /// <summary>MP4 with H.264 video and AAC sound, 160 × 120, one second.</summary>
    public static Task<byte[]> Mp4() => MakeAsync("good.mp4", "-f", "lavfi", "-i", Picture, "-f", "lavfi", "-i", Sound, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");

    /// <summary>WebM with VP9 video and Opus sound.</summary>
    public static Task<byte[]> WebM() => MakeAsync("good.webm", "-f", "lavfi", "-i", Picture, "-f", "lavfi", "-i", Sound, "-c:v", "libvpx-vp9", "-b:v", "100k", "-c:a", "libopus", "-shortest");

    /// <summary>An MP4 whose picture is MPEG-4 Part 2 (<c>mp4v</c>), not H.264.</summary>
    public static Task<byte[]> Mp4WithMpeg4Part2() => MakeAsync("mpeg4.mp4", "-f", "lavfi", "-i", Picture, "-c:v", "mpeg4");

    /// <summary>Matroska (DocType "matroska", not "webm") with VP9.</summary>
    public static Task<byte[]> Matroska() => MakeAsync("vp9.mkv", "-f", "lavfi", "-i", Picture, "-c:v", "libvpx-vp9", "-b:v", "100k");

    private static Task<byte[]> MakeAsync(string name, params string[] arguments) => Made.GetOrAdd(name, _ => new(async () =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-test-{Environment.ProcessId}-{name}");
        var (exit, _, errors) = await ToolProcess.RunAsync("ffmpeg", ["-loglevel", "error", "-y", .. arguments, path]);
        if (exit != 0) throw new InvalidOperationException($"ffmpeg could not make {name}: {errors}");
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return bytes;
    })).Value;
}

/// <summary>Debian's ffmpeg, which makes the test videos.</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute() => Skip = TestTools.SkipUnless(TestTools.OnPath("ffmpeg"), "ffmpeg is not installed (apt-get install ffmpeg), so no test video can be made");
}

/// <summary>A browser test with a test video: Debian's Chromium and ffmpeg.</summary>
public sealed class VideoBrowserFactAttribute : FactAttribute
{
    public VideoBrowserFactAttribute() => Skip = new BrowserFactAttribute().Skip ?? new FfmpegFactAttribute().Skip;
}
