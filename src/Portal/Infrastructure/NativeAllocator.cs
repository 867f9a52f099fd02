using System.Runtime.InteropServices;

namespace Portal.Infrastructure;

/// <summary>
/// Native blocks of 64 KB and more (a gzip encoder's state, made for every answer compressed per request) get mappings
/// of their own, returned to the system when freed. glibc otherwise raises its threshold once such a block is freed and
/// serves the next ones from its per-thread arenas, which keep the freed pages resident: 12-14 MB more at the hostile
/// mix's peak (docs/decisions/0010-memory-under-200-mb.md). Setting the threshold also stops glibc from raising it.
/// Not glibc (musl, another OS): nothing to do.
/// </summary>
internal static partial class NativeAllocator
{
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD in malloc.h
    private const int ThresholdBytes = 64 * 1024;

    public static void KeepLargeBlocksOutOfArenas()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            mallopt(MmapThreshold, ThresholdBytes);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
