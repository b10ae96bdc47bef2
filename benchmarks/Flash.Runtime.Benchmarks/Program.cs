using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using Flash.Benchmarks;
using Flash.Tests.Infrastructure;

namespace Flash.Runtime.Benchmarks;

/// <summary>
/// Runs the benchmarks in this process (they start servers and worker processes of their own). <c>--doc [PATH]</c>
/// runs the worker benchmarks and rewrites their region of docs/performance.md (or PATH), <c>--no-doc</c> runs and
/// prints it only; anything else goes to BenchmarkDotNet (<c>--filter '*ColdStart*'</c>…).
/// </summary>
public static class Program
{
    private static readonly IConfig Config = DefaultConfig.Instance.AddJob(Job.Default
        .WithToolchain(InProcessNoEmitToolchain.Instance)
        .WithWarmupCount(3)
        .WithIterationCount(10));

    public static void Main(string[] args)
    {
        if (args is ["--doc", ..] or ["--no-doc"])
        {
            var doc = args switch
            {
                ["--doc", var path] => Path.GetFullPath(path),
                ["--doc"] => Path.Combine(RepoPaths.Docs, "performance.md"),
                _ => null,
            };
            var loadBefore = LoadAverage();
            var summaries = new[] { typeof(QueueThroughputBenchmarks), typeof(ProcessThroughputBenchmarks), typeof(ColdStartBenchmarks) }
                .Select(type => BenchmarkRunner.Run(type, Config))
                .ToList();
            var markdown = WorkerFigures.ToMarkdown(summaries, loadBefore, LoadAverage());
            Console.WriteLine(markdown);
            if (doc is not null)
            {
                PerformanceDoc.Write(doc, "worker-benchmarks", markdown);
                Console.WriteLine($"Wrote {doc}");
            }

            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Config);
    }

    /// <summary>The 1, 5 and 15 minute load averages: how busy the shared machine was besides the run.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
