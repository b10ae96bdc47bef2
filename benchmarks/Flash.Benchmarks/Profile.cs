using System.Diagnostics;

namespace Flash.Benchmarks;

/// <summary>One operation in a loop, for a profiler (dotnet-trace collect -- dotnet Flash.Benchmarks.dll --profile …).</summary>
public static class Profile
{
    private static object PrintSteps(Microsoft.CodeAnalysis.GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results[0];
        var steps = result.TrackedSteps.Concat(result.TrackedOutputSteps)
            .Select(s => $"{s.Key} {s.Value.Sum(step => step.ElapsedTime.TotalMilliseconds):F0}")
            .Where(s => !s.EndsWith(" 0", StringComparison.Ordinal));
        Console.WriteLine($"  generator {driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:F0} ms: {string.Join(", ", steps)}");
        return driver;
    }

    private static Func<object> Full(Subject subject, int n, bool trackSteps)
    {
        var compilation = Compilations.Fresh(subject, n);
        var driver = Compilations.Driver(subject, trackSteps);
        return trackSteps ? () => PrintSteps(driver.RunGenerators(compilation)) : () => driver.RunGenerators(compilation);
    }

    // The analyzers over the app and its generated files; prebound: the binding floor done first, untimed, on the same
    // compilation, so the analyzer's callbacks find the declarations' attributes and types already bound.
    private static Func<object> Analyzer(int n, bool prebind, bool aot = false)
    {
        var compilation = Compilations.WithGenerated(n).Clone();
        if (prebind)
        {
            Compilations.BindDeclarations(compilation);
        }

        return () =>
        {
            var results = AnalyzerMeasurement.AnalyzeAsync(compilation, n, aot).GetAwaiter().GetResult();
            foreach (var result in results)
            {
                Console.WriteLine($"  {result.Analyzer} ({result.App}): {result.ExecutionMs:F1} ms in its callbacks, {result.AnalysisMs:F0} ms for the whole analysis");
            }

            return results;
        };
    }

    private static Func<object> Floor(Subject subject, int n)
    {
        var compilation = Compilations.Fresh(subject, n);
        return () => Compilations.BindDeclarations(compilation);
    }

    private static Func<Func<object>> Edit(Subject subject, int n, EditKind edit)
    {
        var loop = new EditLoop(subject, n, edit);
        return () => loop.Step;
    }

    public static void Loop(string what, int n, int count)
    {
        // Each entry prepares one operation (untimed) and returns it.
        var prepare = what switch
        {
            "full" => () => Full(Subject.Flash, n, trackSteps: false),
            "full-steps" => () => Full(Subject.Flash, n, trackSteps: true),
            "azure-full" => () => Full(Subject.Azure, n, trackSteps: false),
            "floor" => () => Floor(Subject.Flash, n),
            "analyzer" => () => Analyzer(n, prebind: false),
            "analyzer-prebound" => () => Analyzer(n, prebind: true),
            "analyzers-aot" => () => Analyzer(n, prebind: false, aot: true),
            "azure-floor" => () => Floor(Subject.Azure, n),
            "edit-a" => Edit(Subject.Flash, n, EditKind.UnrelatedMethod),
            "edit-b" => Edit(Subject.Flash, n, EditKind.EndpointBody),
            "edit-c" => Edit(Subject.Flash, n, EditKind.AttributeArgument),
            "azure-edit-a" => Edit(Subject.Azure, n, EditKind.UnrelatedMethod),
            _ => throw new ArgumentException($"Nothing to profile called '{what}'."),
        };
        var times = new List<double>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < count; i++)
        {
            var operation = prepare();
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            operation();
            times.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1048576.0);
        }

        Console.WriteLine($"{what} N={n}: median {Statistics.Median(times):F1} ms wall, {Statistics.Median(cpu):F1} ms CPU, " +
                          $"{Statistics.Median(allocated):F1} MiB allocated, of {count} (first {times[0]:F1} ms)");
    }
}
