using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Flash.Runtime.Benchmarks;

/// <summary>The worker benchmarks' figures as the region of docs/performance.md they own.</summary>
internal static class WorkerFigures
{
    public static string ToMarkdown(IReadOnlyList<Summary> summaries, string loadBefore, string loadAfter)
    {
        var reports = summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).ToList();
        var host = summaries[0].HostEnvironmentInfo;
        var text = new System.Text.StringBuilder();
        var os = System.Runtime.InteropServices.RuntimeInformation.OSDescription;
        text.AppendLine(Invariant(
            $"Written by `bash benchmarks/run` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; everything between the markers is rewritten by the next run. {host.Cpu.Value.ProcessorName}, {Environment.ProcessorCount} cores, {os}, .NET {Environment.Version}, BenchmarkDotNet {host.BenchmarkDotNetVersion}, 3 warm-up and 10 measured iterations; load average {loadBefore} at the start and {loadAfter} at the end (the machine is shared, and the fake job server runs on it too)."));
        text.AppendLine();
        text.AppendLine("| Benchmark | Build | Mean per job | Median per job | Jobs per second (median) | Allocated per job | Peak memory (VmHWM) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var concurrency in new[] { 1, 8 })
        {
            if (Find(reports, nameof(QueueThroughputBenchmarks), "MaxConcurrency", concurrency) is { } report)
            {
                var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
                text.AppendLine(Invariant($"| in-process, MaxConcurrency {concurrency} | JIT | {Micro(report.ResultStatistics!.Mean)} | {Micro(report.ResultStatistics.Median)} | ≈ {PerSecond(report.ResultStatistics.Median)} | {allocated / 1024.0:0.0} KB | — |"));
            }
        }

        foreach (var build in Builds)
        {
            if (Find(reports, nameof(ProcessThroughputBenchmarks), "Build", build) is { } report)
            {
                text.AppendLine(Invariant($"| worker process, MaxConcurrency 1 | {Describe(build)} | {Micro(report.ResultStatistics!.Mean)} | {Micro(report.ResultStatistics.Median)} | ≈ {PerSecond(report.ResultStatistics.Median)} | — | {Peak($"{build} worker under load", max: true)} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("| Cold start (process start → first result posted) | Mean | Median | Fastest | Peak memory at the first result (median) |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var build in Builds)
        {
            if (Find(reports, nameof(ColdStartBenchmarks), "Build", build) is { } report)
            {
                var what = build == "jit"
                    ? "JIT (`dotnet Quickstart.dll`, ReadyToRun)"
                    : Invariant($"Native AOT (`Quickstart`, {new FileInfo(SampleWorker.AotBinary).Length / 1024.0 / 1024:0.0} MB binary)");
                var statistics = report.ResultStatistics!;
                text.AppendLine(Invariant($"| {what} | {Milli(statistics.Mean)} | {Milli(statistics.Median)} | {Milli(statistics.Min)} | {Peak($"{build} cold start", max: false)} |"));
            }
        }

        return text.ToString();
    }

    private static readonly string[] Builds = ["jit", "aot"];

    private static BenchmarkReport? Find(List<BenchmarkReport> reports, string benchmark, string parameter, object value) =>
        reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Type.Name == benchmark && Equals(r.BenchmarkCase.Parameters[parameter], value));

    private static string Describe(string build) => build == "jit" ? "JIT (ReadyToRun)" : "Native AOT";

    /// <summary>The highest reading (under load VmHWM only grows) or the median one (cold start, one per process).</summary>
    private static string Peak(string what, bool max) =>
        Report.PeakKb.TryGetValue(what, out var kb) && kb.Count > 0 ? Invariant($"{(max ? kb[^1] : kb[kb.Count / 2]) / 1024.0:0.0} MB") : "—";

    private static string Micro(double nanoseconds) => Invariant($"{nanoseconds / 1e3:0} µs");

    private static string Milli(double nanoseconds) => Invariant($"{nanoseconds / 1e6:0} ms");

    private static string PerSecond(double nanoseconds) => (1e9 / nanoseconds).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
