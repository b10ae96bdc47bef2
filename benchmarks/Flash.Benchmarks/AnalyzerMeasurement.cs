extern alias analyzers;

using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using AotJsonAnalyzer = analyzers::Flash.Analyzers.AotJsonAnalyzer;
using DeclarationAnalyzer = analyzers::Flash.Analyzers.DeclarationAnalyzer;

namespace Flash.Benchmarks;

/// <summary>One analyzer over one app: medians of several runs.</summary>
/// <param name="N">The endpoint count.</param>
/// <param name="App">"app", or "Native AOT app" (IsAotCompatible set and a JSON context, so FLASH504's analyzer runs too).</param>
/// <param name="Analyzer">The analyzer's type name.</param>
/// <param name="ExecutionMs">Time spent in the analyzer's callbacks (Roslyn's analyzer telemetry), median.</param>
/// <param name="AnalysisMs">The whole GetAnalyzerDiagnosticsAsync call, the compiler binding every method body included, median.</param>
/// <param name="Runs">How many runs the medians are of.</param>
/// <param name="Diagnostics">Diagnostics reported (the synthetic app is valid: none).</param>
public sealed record AnalyzerResult(int N, string App, string Analyzer, double ExecutionMs, double AnalysisMs, int Runs, int Diagnostics);

/// <summary>
/// 3: CompilationWithAnalyzers over the compilation the build analyzes (the app plus what the generator added), with
/// execution times logged, as <c>-p:ReportAnalyzer=true</c> does in a build, and concurrent as in a build. Twice per
/// size: the app as it is (AotJsonAnalyzer does nothing there), and the app as a Native AOT app declares it, with
/// `IsAotCompatible` set and a JSON context listing the jobs' types (its generated half is absent: no System.Text.Json
/// generator runs here, and the analyzers only read its [JsonSerializable] attributes). An analysis binds every method
/// body of the app, so the largest app gets one run.
/// </summary>
public static class AnalyzerMeasurement
{
    private const int LargeApp = 5_000;

    private const string JsonContext = """
        using System.Text.Json.Serialization;

        namespace App.Endpoints;

        [JsonSerializable(typeof(Input))]
        [JsonSerializable(typeof(Output))]
        internal partial class AppJson : JsonSerializerContext;

        """;

    public static async Task<IReadOnlyList<AnalyzerResult>> MeasureAsync(IReadOnlyList<int> sizes, int runs)
    {
        await AnalyzeAsync(Compilations.WithGenerated(sizes.Min()), sizes.Min(), aot: true); // warm-up: the analyzers' code is compiled once
        var results = new List<AnalyzerResult>();
        foreach (var n in sizes)
        {
            var compilation = Compilations.WithGenerated(n);
            foreach (var aot in new[] { false, true })
            {
                var samples = new List<IReadOnlyList<AnalyzerResult>>();
                for (var run = 0; run < (n >= LargeApp ? 1 : runs); run++)
                {
                    samples.Add(await AnalyzeAsync(compilation.Clone(), n, aot));
                }

                foreach (var first in samples[0])
                {
                    var same = samples.Select(s => s.Single(r => r.Analyzer == first.Analyzer)).ToList();
                    var median = first with
                    {
                        Runs = same.Count,
                        ExecutionMs = Statistics.Median(same.Select(s => s.ExecutionMs)),
                        AnalysisMs = Statistics.Median(same.Select(s => s.AnalysisMs)),
                    };
                    results.Add(median);
                    Console.WriteLine($"// analyzers N={n} ({median.App}): {median.ExecutionMs:F1} ms in {median.Analyzer}, {median.AnalysisMs:F0} ms for the whole analysis");
                }
            }

            Compilations.Clear();
        }

        return results;
    }

    /// <summary>One analysis; with <paramref name="aot"/>, of the app as a Native AOT app, by both analyzers.</summary>
    internal static async Task<IReadOnlyList<AnalyzerResult>> AnalyzeAsync(Compilation compilation, int n, bool aot = false)
    {
        DiagnosticAnalyzer[] analyzers = aot ? [new DeclarationAnalyzer(), new AotJsonAnalyzer()] : [new DeclarationAnalyzer()];
        if (aot)
        {
            compilation = compilation.AddSyntaxTrees(
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(JsonContext, Compilations.ParseOptions, "/app/AppJson.cs"));
        }

        var properties = aot ? new Dictionary<string, string> { ["IsAotCompatible"] = "true" } : [];
        var withAnalyzers = compilation.WithAnalyzers(
            [.. analyzers],
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([], new Flash.Tests.Infrastructure.BuildProperties(properties)),
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

        var results = new List<AnalyzerResult>();
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            results.Add(new AnalyzerResult(n, aot ? "Native AOT app" : "app", analyzer.GetType().Name, telemetry.ExecutionTime.TotalMilliseconds,
                clock.Elapsed.TotalMilliseconds, 1, diagnostics.Length));
        }

        return results;
    }
}
