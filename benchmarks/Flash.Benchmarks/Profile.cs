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

    private static Func<object> Full(Subject subject, int n, bool trackSteps, bool warm = false)
    {
        var compilation = warm ? Compilations.WarmReferences(subject, n) : Compilations.Fresh(subject, n);
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

    // The compiler's Emit of the app with the generated files whose names pass the filter.
    private static Func<object> Emit(int n, Func<string, bool> include)
    {
        var generated = Compilations.WithGenerated(n).SyntaxTrees.Skip(Compilations.App(Subject.Flash, n).SyntaxTrees.Length)
            .Where(t => include(Path.GetFileName(t.FilePath)));
        var compilation = Compilations.Fresh(Subject.Flash, n).AddSyntaxTrees(generated);
        return () => compilation.Emit(Stream.Null);
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

    /// <summary>
    /// Runs each operation of <paramref name="what"/> (names separated by commas) <paramref name="count"/> times, the
    /// operations taking turns, so a shared machine's load falls on all of them alike; two operations also get the
    /// ratio of their medians.
    /// </summary>
    public static void Loop(string what, int n, int count)
    {
        var operations = what.Split(',').Select(name => new Timings(name, Preparation(name, n))).ToList();
        for (var i = 0; i < count; i++)
        {
            foreach (var operation in operations)
            {
                operation.Measure();
            }
        }

        foreach (var operation in operations)
        {
            Console.WriteLine($"{operation.Name} N={n}: median {Statistics.Median(operation.Wall):F1} ms wall, {Statistics.Median(operation.Cpu):F1} ms CPU, " +
                              $"{Statistics.Median(operation.Allocated):F1} MiB allocated, of {count} (first {operation.Wall[0]:F1} ms)");
        }

        if (operations is [var first, var second])
        {
            Console.WriteLine($"{first.Name} / {second.Name} N={n}: {Statistics.Median(first.Wall) / Statistics.Median(second.Wall):F2} wall, " +
                              $"{Statistics.Median(first.Cpu) / Statistics.Median(second.Cpu):F2} CPU");
        }
    }

    // Each entry prepares one operation (untimed) and returns it.
    private static Func<Func<object>> Preparation(string what, int n) => what switch
    {
        "full" => () => Full(Subject.Flash, n, trackSteps: false),
        "full-steps" => () => Full(Subject.Flash, n, trackSteps: true),
        "azure-full" => () => Full(Subject.Azure, n, trackSteps: false),
        "full-warm" => () => Full(Subject.Flash, n, trackSteps: false, warm: true),
        "azure-full-warm" => () => Full(Subject.Azure, n, trackSteps: false, warm: true),
        "floor" => () => Floor(Subject.Flash, n),
        "analyzer" => () => Analyzer(n, prebind: false),
        "analyzer-prebound" => () => Analyzer(n, prebind: true),
        "analyzers-aot" => () => Analyzer(n, prebind: false, aot: true),
        "azure-floor" => () => Floor(Subject.Azure, n),
        "edit-a" => Edit(Subject.Flash, n, EditKind.UnrelatedMethod),
        "edit-b" => Edit(Subject.Flash, n, EditKind.EndpointBody),
        "edit-c" => Edit(Subject.Flash, n, EditKind.AttributeArgument),
        "azure-edit-a" => Edit(Subject.Azure, n, EditKind.UnrelatedMethod),
        "emit-app" => () => Emit(n, _ => false),
        "emit-shims" => () => Emit(n, name => name.StartsWith("FlashShims", StringComparison.Ordinal)),
        "emit-manifest" => () => Emit(n, name => name != "FlashClients.g.cs"),
        "emit-all" => () => Emit(n, _ => true),
        _ => throw new ArgumentException($"Nothing to profile called '{what}'."),
    };

    /// <summary>One operation's timings: wall time, CPU time (ms) and allocations (MiB) of each run.</summary>
    private sealed class Timings(string name, Func<Func<object>> prepare)
    {
        private static readonly Process Process = Process.GetCurrentProcess();

        public string Name => name;

        public List<double> Wall { get; } = [];

        public List<double> Cpu { get; } = [];

        public List<double> Allocated { get; } = [];

        public void Measure()
        {
            var operation = prepare();
            GC.Collect();
            Process.Refresh();
            var cpuBefore = Process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            operation();
            Wall.Add(clock.Elapsed.TotalMilliseconds);
            Process.Refresh();
            Cpu.Add((Process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            Allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1048576.0);
        }
    }
}
