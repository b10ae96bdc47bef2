using BenchmarkDotNet.Reports;

namespace Flash.Benchmarks;

/// <summary>One benchmark case: its median time and allocations per operation.</summary>
/// <param name="Benchmark">The benchmark method (Flash, Azure, FlashUnrelatedMethod…).</param>
/// <param name="N">The endpoint count.</param>
/// <param name="MedianMs">Median time per operation, milliseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation.</param>
public sealed record Measurement(string Benchmark, int N, double MedianMs, long AllocatedBytes);

/// <summary>The generator benchmarks' results, found by benchmark and size.</summary>
public sealed class GeneratorResults(IReadOnlyList<Measurement> measurements)
{
    public IReadOnlyList<Measurement> Measurements { get; } = measurements;

    public Measurement? Find(string benchmark, int n) => Measurements.FirstOrDefault(m => m.Benchmark == benchmark && m.N == n);

    public static GeneratorResults From(IEnumerable<Summary> summaries) => new(summaries
        .SelectMany(s => s.Reports)
        .Where(r => r.ResultStatistics is not null)
        .Select(r => new Measurement(
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            (int)r.BenchmarkCase.Parameters["N"],
            r.ResultStatistics!.Median / 1e6,
            r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
        .ToList());
}
