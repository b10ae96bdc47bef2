using System.Collections.Concurrent;
using System.Globalization;

namespace Flash.Runtime.Benchmarks;

/// <summary>Peak memory the process benchmarks read beside BenchmarkDotNet's measures: printed, and kept for the doc.</summary>
internal static class Report
{
    /// <summary>The VmHWM readings in kB of each measure ("jit cold start", "aot worker under load"…), sorted.</summary>
    public static ConcurrentDictionary<string, List<long>> PeakKb { get; } = new(StringComparer.Ordinal);

    public static void PeakMemory(string what, List<long> peakKb)
    {
        if (peakKb.Count == 0)
        {
            return;
        }

        peakKb.Sort();
        PeakKb[what] = [.. peakKb];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}: peak memory (VmHWM) median {peakKb[peakKb.Count / 2] / 1024.0:0.0} MB, max {peakKb[^1] / 1024.0:0.0} MB over {peakKb.Count} measurements"));
    }
}
