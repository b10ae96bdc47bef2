using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Flash.Benchmarks;

/// <summary>
/// What every benchmark here shares: in-process (the parsed apps are shared between benchmarks), one warm-up,
/// allocations measured, results under the temp directory.
/// </summary>
public abstract class FlashConfig : ManualConfig
{
    protected FlashConfig(string id, Func<Job, Job> job)
    {
        Add(DefaultConfig.Instance);
        AddJob(job(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: false))
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithUnrollFactor(1)
            .WithId(id)));
        AddDiagnoser(MemoryDiagnoser.Default);
        ArtifactsPath = Path.Combine(Path.GetTempPath(), "flash-benchmarks", "BenchmarkDotNet.Artifacts");
        WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
    }
}

/// <summary>The edit loop: a few iterations of at least 250 ms each, so the whole run fits in about 40 minutes on two cores.</summary>
public sealed class ShortRunConfig() : FlashConfig("Short", job => job
    .WithIterationCount(Run.Settings.Iterations)
    .WithIterationTime(TimeInterval.FromMilliseconds(250)));

/// <summary>
/// The full runs: one operation per iteration, each on a compilation prepared for it (an operation must not find the
/// caches the previous one filled), so more iterations than the edit loop's.
/// </summary>
public sealed class FullRunConfig() : FlashConfig("FullRun", job => job
    .WithIterationCount(Math.Max(5, Run.Settings.Iterations))
    .WithInvocationCount(1));
