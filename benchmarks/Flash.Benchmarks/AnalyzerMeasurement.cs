extern alias analyzers;

using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;

namespace Flash.Benchmarks;

/// <summary>The analyzers over one app: medians of several runs.</summary>
/// <param name="N">The endpoint count.</param>
/// <param name="Analyzer">The analyzer's type name.</param>
/// <param name="ExecutionMs">Time spent in the analyzer's callbacks (Roslyn's analyzer telemetry), median.</param>
/// <param name="AnalysisMs">The whole GetAnalyzerDiagnosticsAsync call, the compiler binding every method body included, median.</param>
/// <param name="Runs">How many runs the medians are of.</param>
/// <param name="Diagnostics">Diagnostics reported (the synthetic app is valid: none).</param>
public sealed record AnalyzerResult(int N, string Analyzer, double ExecutionMs, double AnalysisMs, int Runs, int Diagnostics);

/// <summary>
/// 3: CompilationWithAnalyzers over the compilation the build analyzes (the app plus what the generator added), with
/// execution times logged, as <c>-p:ReportAnalyzer=true</c> does in a build, and concurrent as in a build. An analysis
/// binds every method body of the app, so the largest app gets one run.
/// </summary>
public static class AnalyzerMeasurement
{
    private const int LargeApp = 5_000;

    public static async Task<IReadOnlyList<AnalyzerResult>> MeasureAsync(IReadOnlyList<int> sizes, int runs)
    {
        await AnalyzeAsync(Generated(sizes.Min()), sizes.Min()); // warm-up: the analyzer's code is compiled once
        var results = new List<AnalyzerResult>();
        foreach (var n in sizes)
        {
            var compilation = Generated(n);
            var samples = new List<AnalyzerResult>();
            for (var run = 0; run < (n >= LargeApp ? 1 : runs); run++)
            {
                samples.Add(await AnalyzeAsync(compilation.Clone(), n));
            }

            var median = samples[0] with
            {
                Runs = samples.Count,
                ExecutionMs = Statistics.Median(samples.Select(s => s.ExecutionMs)),
                AnalysisMs = Statistics.Median(samples.Select(s => s.AnalysisMs)),
            };
            results.Add(median);
            Console.WriteLine($"// analyzers N={n}: {median.ExecutionMs:F1} ms in {median.Analyzer}, {median.AnalysisMs:F0} ms for the whole analysis");
            Compilations.Clear();
        }

        return results;
    }

    internal static Compilation Generated(int n)
    {
        Compilations.Driver(Subject.Flash).RunGeneratorsAndUpdateCompilation(Compilations.App(Subject.Flash, n).Clone(), out var compilation, out _);
        return compilation;
    }

    internal static async Task<AnalyzerResult> AnalyzeAsync(Compilation compilation, int n)
    {
        var analyzer = new DeclarationAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                onAnalyzerException: null,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
        var clock = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        clock.Stop();
        if (!diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"The synthetic app of {n} endpoints is not valid:\n{string.Join("\n", diagnostics.Take(5))}");
        }

        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        return new AnalyzerResult(
            n,
            nameof(DeclarationAnalyzer),
            telemetry.ExecutionTime.TotalMilliseconds,
            clock.Elapsed.TotalMilliseconds,
            1,
            diagnostics.Length);
    }
}

/// <summary>Medians and slopes.</summary>
public static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>How a measure grows from size <paramref name="from"/> to <paramref name="to"/>, relative to N: 1.0 is linear.</summary>
    public static double Slope(double atFrom, int from, double atTo, int to) => atTo / atFrom / ((double)to / from);
}
