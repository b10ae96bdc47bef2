using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Flash.Benchmarks;

/// <summary>What compiling Flash's generated code costs the compiler, medians of several runs.</summary>
/// <param name="N">The endpoint count.</param>
/// <param name="Runs">How many runs each median is of.</param>
/// <param name="AppMs">Emit of the app without any generated file.</param>
/// <param name="WithShimsMs">Emit of the app with the endpoints' shims.</param>
/// <param name="WithAllMs">Emit of the app with every generated file (the shims, FlashManifest.g.cs and FlashClients.g.cs).</param>
/// <param name="ShimChars">Characters of all shims together.</param>
/// <param name="ManifestChars">Characters of FlashManifest.g.cs and FlashClients.g.cs.</param>
public sealed record GeneratedCodeResult(int N, int Runs, double AppMs, double WithShimsMs, double WithAllMs, long ShimChars, long ManifestChars);

/// <summary>
/// Part of 5: the compiler's binding, flow analysis and emit of the app alone, with the shims, and with everything
/// the generator wrote, in process (no generator, no analyzer, no MSBuild in the timing), alternating the three.
/// </summary>
public static class GeneratedCodeMeasurement
{
    private const string ShimFiles = "FlashShims";

    public static GeneratedCodeResult Measure(int n, int runs)
    {
        var generated = Compilations.WithGenerated(n).SyntaxTrees.Skip(Compilations.App(Subject.Flash, n).SyntaxTrees.Length).ToList();
        var shims = generated.Where(t => Path.GetFileName(t.FilePath).StartsWith(ShimFiles, StringComparison.Ordinal)).ToList();
        var variants = new[] { new List<SyntaxTree>(), shims, generated };
        var times = variants.Select(_ => new List<double>()).ToArray();
        Emit(n, []); // warm-up: the compiler's code is compiled once
        for (var run = 0; run < runs; run++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                times[v].Add(Emit(n, variants[v]));
            }

            Console.WriteLine($"// emit N={n} run {run + 1}: app {times[0][^1] / 1000:F1} s, with shims {times[1][^1] / 1000:F1} s, with everything {times[2][^1] / 1000:F1} s");
        }

        Compilations.Clear();
        return new GeneratedCodeResult(
            n,
            runs,
            Statistics.Median(times[0]),
            Statistics.Median(times[1]),
            Statistics.Median(times[2]),
            shims.Sum(t => (long)t.Length),
            generated.Except(shims).Sum(t => (long)t.Length));
    }

    private static double Emit(int n, IEnumerable<SyntaxTree> generated)
    {
        var compilation = Compilations.Fresh(Subject.Flash, n).AddSyntaxTrees(generated);
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var result = compilation.Emit(Stream.Null);
        clock.Stop();
        return result.Success
            ? clock.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"The app of {n} endpoints does not compile:\n{string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5))}");
    }
}
