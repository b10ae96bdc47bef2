using System.Globalization;
using System.Runtime.InteropServices;
using Flash.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace Flash.Benchmarks;

/// <summary>The machine and toolchain a run measured on.</summary>
public sealed record Machine(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime, string Sdk, string Roslyn, string Date, string LoadBefore)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        CpuModel(),
        ReadMemoryGiB(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadSdk(),
        typeof(CSharpCompilation).Assembly.GetName().Version?.ToString() ?? "?",
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        LoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages: how busy the machine was besides this run.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static double ReadMemoryGiB()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kib is null ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024) : double.Parse(kib, CultureInfo.InvariantCulture) / (1024 * 1024);
    }

    private static string ReadSdk()
    {
        var result = Processes.Run("dotnet", ["--version"], RepoPaths.Root);
        return result.ExitCode == 0 ? result.Output.Trim() : "unknown";
    }
}
