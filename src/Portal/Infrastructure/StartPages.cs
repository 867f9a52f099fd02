using System.Globalization;
using System.Runtime.InteropServices;

namespace Portal.Infrastructure;

/// <summary>
/// A start runs code that never runs again (the EF model, the container, the Razor and Lucene set-up, the first index
/// build), and its pages of the mapped assemblies and native libraries stay counted in the process's memory until the
/// kernel is short of it: about 25 MB of the 120 MB of files a started node held were not touched again by the
/// benchmark's hostile mix of reader requests (docs/decisions/0010-memory-under-200-mb.md). Once the start is over
/// they are handed back with madvise(MADV_PAGEOUT) over the read-only mappings of files; a page needed again comes back
/// from the file on its next use. Writable and shared mappings (data, the database, the runtime's code heap) are left
/// alone, and so is a page another process maps too (the kernel's rule: another portal on the same host keeps it).
/// Linux 5.4 or later; elsewhere nothing is done.
/// </summary>
internal static partial class StartPages
{
    private const int MadvPageout = 21; // MADV_PAGEOUT in linux/mman.h

    /// <summary>The file-backed resident memory before and after, in KiB, or null where it cannot be done.</summary>
    public static (long BeforeKiB, long AfterKiB)? Release()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var before = FileBackedKiB();
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                if (Candidate(line) is not var (start, length)) continue;
                if (madvise(start, length, MadvPageout) != 0 && Marshal.GetLastPInvokeError() == 22) return null; // EINVAL: a kernel before 5.4 (or a mapping it will not page out): leave the rest
            }
        }
        catch (Exception ex) when (ex is IOException or DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (before, FileBackedKiB());
    }

    /// <summary>"start-end perms offset dev inode path": a private, read-only mapping of a file on disk.</summary>
    internal static (nint Start, nuint Length)? Candidate(string line)
    {
        var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 6 || parts[4] == "0") return null; // no file behind it
        var (perms, path) = (parts[1], parts[5]);
        if (perms[1] == 'w' || perms[3] != 'p' || !path.StartsWith('/') || path.StartsWith("/dev/") || path.EndsWith(" (deleted)")) return null;
        var dash = parts[0].IndexOf('-');
        var start = long.Parse(parts[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var end = long.Parse(parts[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return ((nint)start, (nuint)(end - start));
    }

    private static long FileBackedKiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(8).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
        return 0;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);
}
