using System.Globalization;
using Portal.Data;

namespace Portal.Infrastructure;

/// <summary>
/// GET /_diagnostics/db-commands: the number of SQL commands sent since start, for bench/run.sh; GET /_diagnostics/memory:
/// the GC's heap beside the process's resident memory, to see where peak RSS goes (docs/performance.md). Mapped only when
/// Portal:Diagnostics:Enabled is true (the benchmark sets it); they reveal nothing about readers.
/// </summary>
public static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("Portal:Diagnostics:Enabled")) return app;
        app.MapGet("/_diagnostics/db-commands", (DbCommandCounter counter) => Results.Text(counter.Count.ToString(CultureInfo.InvariantCulture)));
        app.MapGet("/_diagnostics/memory", () => Results.Text(MemoryReport()));
        return app;
    }

    /// <summary>One "name value" line each, in MB where a size: resident set, GC heap, committed, fragmented, per generation.</summary>
    private static string MemoryReport()
    {
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var lines = new List<string>
        {
            $"working_set_mb {Mb(process.WorkingSet64)}",
            $"peak_working_set_mb {Mb(process.PeakWorkingSet64)}",
            $"gc_heap_mb {Mb(info.HeapSizeBytes)}",
            $"gc_committed_mb {Mb(info.TotalCommittedBytes)}",
            $"gc_fragmented_mb {Mb(info.FragmentedBytes)}",
            $"gc_total_allocated_mb {Mb(GC.GetTotalAllocatedBytes())}",
            $"gc_counts {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}",
        };
        string[] generations = ["gen0", "gen1", "gen2", "loh", "poh"];
        for (var g = 0; g < info.GenerationInfo.Length && g < generations.Length; g++)
            lines.Add($"{generations[g]}_after_mb {Mb(info.GenerationInfo[g].SizeAfterBytes)}");
        foreach (var (key, value) in GC.GetConfigurationVariables()) lines.Add($"config {key} {value}");
        return string.Join('\n', lines) + "\n";
    }
}
