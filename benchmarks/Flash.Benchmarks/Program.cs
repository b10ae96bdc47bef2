using System.Globalization;
using BenchmarkDotNet.Running;
using Flash.Tests.Infrastructure;

namespace Flash.Benchmarks;

/// <summary>What to run: every measure by default, fewer sizes or runs for a quick look.</summary>
public sealed record Settings(
    IReadOnlyList<int> Sizes,
    int Iterations,
    int AnalyzerRuns,
    int BuildSize,
    int BuildRuns,
    bool Generator,
    bool Analyzers,
    bool Build,
    string? Doc)
{
    public static Settings Parse(string[] args)
    {
        var settings = new Settings([10, 100, 1_000, 5_000], 3, 3, 1_000, 3, true, true, true, Path.Combine(RepoPaths.Docs, "performance.md"));
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            string Value() => ++i < args.Length ? args[i] : throw Usage(option);
            settings = option switch
            {
                "--all" => settings,
                "--sizes" => settings with { Sizes = Ints(Value()) },
                "--iterations" => settings with { Iterations = Ints(Value()).Single() },
                "--analyzer-runs" => settings with { AnalyzerRuns = Ints(Value()).Single() },
                "--build-size" => settings with { BuildSize = Ints(Value()).Single() },
                "--build-runs" => settings with { BuildRuns = Ints(Value()).Single() },
                "--skip-generator" => settings with { Generator = false },
                "--skip-analyzers" => settings with { Analyzers = false },
                "--skip-build" => settings with { Build = false },
                "--doc" => settings with { Doc = Path.GetFullPath(Value()) },
                "--no-doc" => settings with { Doc = null },
                _ => throw Usage(option),
            };
        }

        return settings;
    }

    private static int[] Ints(string value) =>
        value.Split(',').Select(v => int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToArray();

    private static ArgumentException Usage(string option) => new(
        $"Unknown or incomplete option '{option}'. Options: --all | --sizes 10,100,1000,5000 | --iterations 3 | --analyzer-runs 3 | " +
        "--build-size 1000 | --build-runs 3 | --skip-generator | --skip-analyzers | --skip-build | --doc PATH | --no-doc; " +
        "or --profile emit-app|emit-shims|emit-manifest|emit-all|full|full-steps|azure-full|full-warm|azure-full-warm|floor|azure-floor|edit-a|edit-b|edit-c|azure-edit-a|analyzer|analyzer-prebound|analyzers-aot N COUNT " +
        "to run one operation COUNT times (under a profiler, or to compare variants)");
}

/// <summary>Runs the measures and writes the report.</summary>
public static class Run
{
    /// <summary>The settings of this run (the benchmarks read them in-process).</summary>
    public static Settings Settings { get; private set; } = Settings.Parse([]);

    /// <summary>The sizes the benchmarks are parameterized with.</summary>
    public static IEnumerable<int> Sizes => Settings.Sizes;

    public static async Task<int> Main(string[] args)
    {
        if (args is ["--profile", var what, var size, var count])
        {
            Profile.Loop(what, int.Parse(size, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture));
            return 0;
        }

        try
        {
            Settings = Settings.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var report = new Report(Machine.Describe(), Settings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Done(string phase) => Console.WriteLine($"// {phase} done after {clock.Elapsed:hh\\:mm\\:ss}");
        if (Settings.Generator)
        {
            report.Regenerated = RegeneratedOutputs.Measure(Settings.Sizes);
            Done("regenerated outputs");
            var summaries = BenchmarkRunner.Run([typeof(FullRunBenchmarks), typeof(EditBenchmarks)]);
            report.Generator = GeneratorResults.From(summaries);
            Compilations.Clear();
            Done("generator benchmarks");
        }

        if (Settings.Analyzers)
        {
            report.Analyzers = await AnalyzerMeasurement.MeasureAsync(Settings.Sizes, Settings.AnalyzerRuns);
            Compilations.Clear();
            Done("analyzers");
        }

        if (Settings.Build)
        {
            report.GeneratedCode = GeneratedCodeMeasurement.Measure(Settings.BuildSize, Settings.BuildRuns);
            Done("generated code");
            report.Build = BuildMeasurement.Measure(Settings.BuildSize, Settings.BuildRuns);
            Done("builds");
        }

        report.LoadAfter = Machine.LoadAverage();
        var markdown = report.ToMarkdown();
        Console.WriteLine(markdown);
        if (Settings.Doc is { } doc)
        {
            PerformanceDoc.Write(doc, markdown);
            Console.WriteLine($"Wrote {doc}");
        }

        return 0;
    }
}
