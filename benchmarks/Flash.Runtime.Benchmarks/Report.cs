using System.Globalization;

namespace Flash.Runtime.Benchmarks;

/// <summary>Lines the benchmarks print beside BenchmarkDotNet's table.</summary>
internal static class Report
{
    public static void PeakMemory(string what, List<long> peakKb)
    {
        if (peakKb.Count == 0)
        {
            return;
        }

        peakKb.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}: peak memory (VmHWM) median {peakKb[peakKb.Count / 2] / 1024.0:0.0} MB, max {peakKb[^1] / 1024.0:0.0} MB over {peakKb.Count} measurements"));
    }
}
