using System.Text;
using Portal.Media;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

// No database: the check reads the file's structure only.
/// <summary>A video upload is checked by its bytes: container, codecs, completeness, and agreement with its name.</summary>
[Trait(TestDatabase.Trait, TestDatabase.None)]
public sealed class VideoContainerTests
{
    private static (CheckedVideo? Video, Refusal? Refusal) Check(byte[] bytes, string name, string? type = null)
        => VideoContainer.Check(new MemoryStream(bytes), name, type);

    [FfmpegFact]
    public async Task AnFfmpegMp4WithH264AndAacIsAcceptedWithItsSize()
    {
        var (video, refusal) = Check(await TestVideos.Mp4(), "terugkeer.mp4", "video/mp4");
        Assert.Null(refusal);
        Assert.Equal(("video/mp4", "mp4", 160, 120, "H.264", "AAC"), (video!.ContentType, video.Extension, video.Width, video.Height, video.VideoCodec, video.AudioCodec));
    }

    [FfmpegFact]
    public async Task AnFfmpegWebmWithVp9AndOpusIsAccepted()
    {
        var (video, refusal) = Check(await TestVideos.WebM(), "terugkeer.webm", "video/webm");
        Assert.Null(refusal);
        Assert.Equal(("video/webm", 160, 120, "VP9", "OPUS"), (video!.ContentType, video.Width, video.Height, video.VideoCodec, video.AudioCodec));
    }

    [FfmpegFact]
    public async Task AFileThatIsNotTheContainerItsNameOrTypeSaysIsRefused()
    {
        Assert.Equal("editor.media.video-refused-mismatch", Check(await TestVideos.WebM(), "terugkeer.mp4").Refusal!.Message);
        Assert.Equal("editor.media.video-refused-mismatch", Check(await TestVideos.Mp4(), "terugkeer.mp4", "video/webm").Refusal!.Message);
        Assert.Equal("editor.media.video-refused-name", Check(await TestVideos.Mp4(), "terugkeer.avi").Refusal!.Message);
        Assert.Equal("editor.media.video-refused-not-video", Check("%PDF-1.7\n%%EOF"u8.ToArray(), "leaflet.mp4").Refusal!.Message);
        Assert.Equal("editor.media.video-refused-not-video", Check(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "x.webm").Refusal!.Message);
        Assert.Equal("editor.media.video-refused-not-video", Check(await TestVideos.Matroska(), "film.webm").Refusal!.Message); // Matroska, not WebM
    }

    [FfmpegFact]
    public async Task ATruncatedVideoIsRefusedAtEveryCut()
    {
        foreach (var (good, name) in new[] { (await TestVideos.Mp4(), "a.mp4"), (await TestVideos.WebM(), "a.webm") })
        {
            foreach (var keep in new[] { 12, 40, good.Length / 3, good.Length / 2, good.Length - 1 })
            {
                var refusal = Check(good[..keep], name).Refusal;
                Assert.True(refusal is not null, $"{name} cut to {keep} of {good.Length} bytes was accepted");
                Assert.Contains(refusal.Message, new[] { "editor.media.video-refused-truncated", "editor.media.video-refused-damaged" });
            }
        }
    }

    [FfmpegFact]
    public async Task AnotherCodecIsRefusedByName()
    {
        var refusal = Check(await TestVideos.Mp4WithMpeg4Part2(), "old.mp4").Refusal!;
        Assert.Equal("editor.media.video-refused-codec", refusal.Message);
        Assert.Equal("mp4v", refusal.Arguments[0]);
    }

    [Fact]
    public void AnEmptyOrOversizedFileIsRefusedBeforeItIsRead()
    {
        Assert.Equal("editor.media.refused-empty", Check([], "a.mp4").Refusal!.Message);
        using var huge = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
        huge.SetLength(MediaLimits.MaxVideoBytes + 1); // sparse: nothing is written
        Assert.Equal("editor.media.video-refused-too-large", VideoContainer.Check(huge, "a.mp4", "video/mp4").Refusal!.Message);
    }
}
