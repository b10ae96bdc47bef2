using System.Globalization;
using System.Text;

namespace Flash.Benchmarks;

/// <summary>The results of one run, as the markdown docs/performance.md shows between its markers.</summary>
public sealed class Report(Machine machine, Settings settings)
{
    private const int TargetN = 1_000;

    private readonly StringBuilder _text = new();

    public IReadOnlyList<Regeneration> Regenerated { get; set; } = [];

    public GeneratorResults? Generator { get; set; }

    public IReadOnlyList<AnalyzerResult> Analyzers { get; set; } = [];

    public BuildResult? Build { get; set; }

    public GeneratedCodeResult? GeneratedCode { get; set; }

    public string LoadAfter { get; set; } = "unknown";

    public string ToMarkdown()
    {
        _text.Clear();
        Line($"Written by `bash benchmarks/run` on {machine.Date}; everything between the markers is rewritten by the next run. " +
             "Times are medians. Flash is measured against the generators of Microsoft.Azure.Functions.Worker.Sdk.Generators 1.4.0 " +
             $"({string.Join(", ", Compilations.AzureGeneratorNames)}) in the same process and run.");
        Line();
        MachineTable();
        Targets();
        FullRun();
        EditLoop();
        AnalyzerTable();
        Linearity();
        BuildTable();
        HowMeasured();
        return _text.ToString();
    }

    private void MachineTable()
    {
        Line("### Machine");
        Line();
        Line("| | |");
        Line("|---|---|");
        Line($"| CPU | {machine.Cpu}, {machine.Cores} cores |");
        Line($"| Memory | {machine.MemoryGiB:F0} GiB |");
        Line($"| OS | {machine.Os} |");
        Line($"| .NET | {machine.Runtime}, SDK {machine.Sdk}, Roslyn {machine.Roslyn} |");
        Line($"| Load average (1, 5, 15 min) | before {machine.LoadBefore}; after {LoadAfter} |");
        Line();
    }

    private void Targets()
    {
        Line($"### Targets (N = {N(TargetN)} unless said)");
        Line();
        Line("| Target | Measured | |");
        Line("|---|---|---|");
        var ours = Generator?.Find(nameof(FullRunBenchmarks.Flash), TargetN);
        var theirs = Generator?.Find(nameof(FullRunBenchmarks.Azure), TargetN);
        if (ours is not null && theirs is not null)
        {
            var ratio = ours.MedianMs / theirs.MedianMs;
            Line($"| Full generator run ≤ 0.5 × Azure's (fresh) | {Ms(ours.MedianMs)} vs {Ms(theirs.MedianMs)}: **{Ratio(ratio)}** | {Verdict(ratio <= 0.5)} |");
            if (Generator!.Find(nameof(FullRunBenchmarks.FlashBindingFloor), TargetN) is { } floor)
            {
                Line($"| (the binding floor alone, for comparison) | {Ms(floor.MedianMs)}: {Ratio(floor.MedianMs / theirs.MedianMs)} × Azure's full run | |");
            }
        }

        foreach (var (n, larger, azure) in Pairs(nameof(FullRunBenchmarks.Flash), nameof(FullRunBenchmarks.Azure)).Where(p => p.N > TargetN))
        {
            var ratio = larger.MedianMs / azure.MedianMs;
            Line($"| The same at N = {N(n)} | {Ms(larger.MedianMs)} vs {Ms(azure.MedianMs)}: **{Ratio(ratio)}** | {Verdict(ratio <= 0.5)} |");
        }

        var edits = Pairs(nameof(EditBenchmarks.FlashUnrelatedMethod), nameof(FullRunBenchmarks.Flash)).ToList();
        if (edits.Count > 0)
        {
            var worst = edits.MaxBy(e => e.First.MedianMs / e.Second.MedianMs);
            var ratio = worst.First.MedianMs / worst.Second.MedianMs;
            Line($"| Edit (a) ≤ 0.02 × our full run, at every N | largest at N = {N(worst.N)}: {Ms(worst.First.MedianMs)} vs {Ms(worst.Second.MedianMs)}: **{Ratio(ratio)}** | {Verdict(ratio <= 0.02)} |");
        }

        var regenerated = Regenerated.Where(r => r.Subject == Subject.Flash && r.N == TargetN).ToList();
        if (regenerated.Count == 3)
        {
            var counts = regenerated.Select(r => r.Regenerated.Count).ToList();
            var attribute = regenerated.Single(r => r.Edit == EditKind.AttributeArgument);
            Line($"| Regenerated outputs per edit: 0, 0, one endpoint's | (a) {counts[0]}, (b) {counts[1]}, (c) {counts[2]}: {Files(attribute.Regenerated)} | " +
                 $"{Verdict(counts[0] == 0 && counts[1] == 0 && counts[2] == 1)} |");
        }

        if (Build is { } build)
        {
            var wall = build.With.RebuildWall / build.Without.RebuildWall - 1;
            var cpu = build.With.RebuildCpu / build.Without.RebuildCpu - 1;
            Line($"| Flash adds ≤ 5 % to `dotnet build` | rebuild {Percent(wall)} wall time, {Percent(cpu)} CPU time | {Verdict(wall <= 0.05)} |");
        }

        if (Slopes().Where(s => s.Target).ToList() is { Count: > 0 } slopes)
        {
            var worst = slopes.Max(s => Math.Max(s.Small, s.Large));
            Line($"| Time and allocations linear in N (100 → 1,000 → 5,000) | largest slope {worst:F2} (1.00 = linear; below 1, fixed costs still show) | {Verdict(worst <= 1.25)} |");
        }

        Line();
    }

    private void FullRun()
    {
        if (Generator is null)
        {
            return;
        }

        Line("### 1 and 4. Full generator run (new generator instances, nothing bound yet)");
        Line();
        Line("The binding floor is what the compiler charges any generator that reads these declarations before it does anything " +
             "of its own: the symbol and attributes of every attributed type and method in the endpoint files, and those methods' " +
             "parameter types and attributes. \"Own work\" is a generator's time above its app's floor. Each run gets new generator " +
             "instances and a compilation of new tree and reference objects, as the compiler of a build does.");
        Line();
        Line("| N | Flash | allocated | Azure | allocated | Flash / Azure (time) | Flash / Azure (allocations) | binding floor (Flash app, Azure app) | own work: Flash, Azure | Flash / Azure (own work) |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (n, ours, theirs) in Pairs(nameof(FullRunBenchmarks.Flash), nameof(FullRunBenchmarks.Azure)))
        {
            var floorCells = "| | |";
            if (Generator.Find(nameof(FullRunBenchmarks.FlashBindingFloor), n) is { } flashFloor &&
                Generator.Find(nameof(FullRunBenchmarks.AzureBindingFloor), n) is { } azureFloor)
            {
                var (ownOurs, ownTheirs) = (ours.MedianMs - flashFloor.MedianMs, theirs.MedianMs - azureFloor.MedianMs);
                floorCells = $"{Ms(flashFloor.MedianMs)}, {Ms(azureFloor.MedianMs)} | {Ms(ownOurs)}, {Ms(ownTheirs)} | {Ratio(ownOurs / ownTheirs)}";
            }

            Line($"| {N(n)} | {Ms(ours.MedianMs)} | {Bytes(ours.AllocatedBytes)} | {Ms(theirs.MedianMs)} | {Bytes(theirs.AllocatedBytes)} | " +
                 $"{Ratio(ours.MedianMs / theirs.MedianMs)} | {Ratio((double)ours.AllocatedBytes / theirs.AllocatedBytes)} | {floorCells} |");
        }

        Line();
        Line("The same runs on the reference objects of the earlier runs (warm: the metadata symbols they loaded and bound, " +
             "such as the attribute types and System.Text.Json's, are found ready, as in the IDE or the compiler server; the " +
             "generator instances are new all the same):");
        Line();
        Line("| N | Flash, warm | Azure, warm | Flash / Azure (time, warm) | Flash warm / Flash |");
        Line("|---:|---:|---:|---:|---:|");
        foreach (var (n, ours, theirs) in Pairs(nameof(FullRunBenchmarks.FlashWarm), nameof(FullRunBenchmarks.AzureWarm)))
        {
            var cold = Generator.Find(nameof(FullRunBenchmarks.Flash), n);
            Line($"| {N(n)} | {Ms(ours.MedianMs)} | {Ms(theirs.MedianMs)} | {Ratio(ours.MedianMs / theirs.MedianMs)} | {(cold is null ? "" : Ratio(ours.MedianMs / cold.MedianMs))} |");
        }

        Line();
    }

    /// <summary>The sizes at which both benchmarks were measured, with their measurements.</summary>
    private IEnumerable<(int N, Measurement First, Measurement Second)> Pairs(string firstBenchmark, string secondBenchmark)
    {
        foreach (var n in settings.Sizes)
        {
            if (Generator?.Find(firstBenchmark, n) is { } first && Generator.Find(secondBenchmark, n) is { } second)
            {
                yield return (n, first, second);
            }
        }
    }

    private void EditLoop()
    {
        if (Generator is null)
        {
            return;
        }

        Line("### 2 and 4. IDE edit loop (one driver reused, one edit per run)");
        Line();
        Line("(a) a token inside a method of an ordinary class, (b) a token inside an endpoint's method body, (c) one " +
             "`[Endpoint]` argument (`WorkersMax = 3` ↔ `4`). \"Rewritten\" counts the generated files a step produced anew.");
        Line();
        Line("| N | (a) time | (a) allocated | (a) rewritten | (b) time | (b) allocated | (b) rewritten | (c) time | (c) allocated | (c) rewritten |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in settings.Sizes)
        {
            var cells = new[] { nameof(EditBenchmarks.FlashUnrelatedMethod), nameof(EditBenchmarks.FlashEndpointBody), nameof(EditBenchmarks.FlashAttributeArgument) }
                .Zip([EditKind.UnrelatedMethod, EditKind.EndpointBody, EditKind.AttributeArgument])
                .Select(pair => (Measure: Generator.Find(pair.First, n), Rewritten: Rewritten(Subject.Flash, n, pair.Second)))
                .Select(c => c.Measure is null ? "| | |" : $"{Ms(c.Measure.MedianMs)} | {Bytes(c.Measure.AllocatedBytes)} | {c.Rewritten}");
            Line($"| {N(n)} | {string.Join(" | ", cells)} |");
        }

        Line();
        Line("Edit (a) side by side, and against a full run:");
        Line();
        Line("| N | Flash (a) | Azure (a) | Azure rewritten | Flash / Azure (time) | Flash / Azure (allocations) | Flash (a) / Flash full run |");
        Line("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (n, ours, theirs) in Pairs(nameof(EditBenchmarks.FlashUnrelatedMethod), nameof(EditBenchmarks.AzureUnrelatedMethod)))
        {
            var full = Generator.Find(nameof(FullRunBenchmarks.Flash), n);
            Line($"| {N(n)} | {Ms(ours.MedianMs)} | {Ms(theirs.MedianMs)} | {Rewritten(Subject.Azure, n, EditKind.UnrelatedMethod)} | " +
                 $"{Ratio(ours.MedianMs / theirs.MedianMs)} | {Ratio((double)ours.AllocatedBytes / theirs.AllocatedBytes)} | " +
                 $"{(full is null ? "" : Ratio(ours.MedianMs / full.MedianMs))} |");
        }

        Line();
    }

    private void AnalyzerTable()
    {
        if (Analyzers.Count == 0)
        {
            return;
        }

        Line("### 3. Analyzers (CompilationWithAnalyzers, execution time logged)");
        Line();
        Line("The app as it is, where `AotJsonAnalyzer` (FLASH504) does nothing, and as a Native AOT app declares it " +
             "(`IsAotCompatible` set, a JSON context listing the jobs' types), where both analyzers work.");
        Line();
        Line("| N | App | Analyzer | time in the analyzer | per endpoint | whole analysis (the compiler binding every method body included) | runs | diagnostics |");
        Line("|---:|---|---|---:|---:|---:|---:|---:|");
        foreach (var a in Analyzers)
        {
            Line($"| {N(a.N)} | {a.App} | {a.Analyzer} | {Ms(a.ExecutionMs)} | {Us(a.ExecutionMs * 1000 / a.N)} | {Ms(a.AnalysisMs)} | {a.Runs} | {a.Diagnostics} |");
        }

        Line();
    }

    private void Linearity()
    {
        if (Slopes() is not { Count: > 0 } slopes)
        {
            return;
        }

        Line("### 4. Growth with N");
        Line();
        Line("Slope = (growth of the measure) / (growth of N): 1.00 is linear, above 1 grows faster than N, below 1 a fixed cost still shows.");
        Line();
        Line("| Measure | 100 → 1,000 | 1,000 → 5,000 |");
        Line("|---|---:|---:|");
        foreach (var slope in slopes)
        {
            Line($"| {slope.Measure} | {slope.Small:F2} | {slope.Large:F2} |");
        }

        Line();
    }

    // The measures whose growth the linearity target is about, and the binding floor beside them (Target false).
    private List<(string Measure, double Small, double Large, bool Target)> Slopes()
    {
        var slopes = new List<(string, double, double, bool)>();
        void Add(string measure, Func<int, double?> value, bool target = true)
        {
            if (value(100) is { } a && value(1_000) is { } b && value(5_000) is { } c)
            {
                slopes.Add((measure, Statistics.Slope(a, 100, b, 1_000), Statistics.Slope(b, 1_000, c, 5_000), target));
            }
        }

        if (Generator is not null)
        {
            Add("Full run: time", n => Generator.Find(nameof(FullRunBenchmarks.Flash), n)?.MedianMs);
            Add("Full run: allocations", n => Generator.Find(nameof(FullRunBenchmarks.Flash), n)?.AllocatedBytes);
            Add("Edit (a): time", n => Generator.Find(nameof(EditBenchmarks.FlashUnrelatedMethod), n)?.MedianMs);
            Add("Edit (b): time", n => Generator.Find(nameof(EditBenchmarks.FlashEndpointBody), n)?.MedianMs);
            Add("Edit (c): time", n => Generator.Find(nameof(EditBenchmarks.FlashAttributeArgument), n)?.MedianMs);
            Add("Edit (c): allocations", n => Generator.Find(nameof(EditBenchmarks.FlashAttributeArgument), n)?.AllocatedBytes);
        }

        Add("Analyzer (DeclarationAnalyzer, app): time", n => Analyzers.FirstOrDefault(a => a.N == n)?.ExecutionMs);
        Add("Analyzer (AotJsonAnalyzer, Native AOT app): time", n => Analyzers.FirstOrDefault(a => a.N == n && a.Analyzer == "AotJsonAnalyzer")?.ExecutionMs);
        if (Generator is not null)
        {
            Add("Binding floor (for comparison): time", n => Generator.Find(nameof(FullRunBenchmarks.FlashBindingFloor), n)?.MedianMs, target: false);
        }
        return slopes;
    }

    private void BuildTable()
    {
        if (Build is not { } build)
        {
            return;
        }

        Line($"### 5. End to end: `dotnet build` of the app with N = {N(build.N)} ({N(build.N * 11 + 2)} files)");
        Line();
        Line($"Medians of {build.Runs} runs each, alternating; no build servers (each build starts its compiler, as CI does). " +
             "*with Flash* references the packed Flash.Runtime as an app does (with Flash.Client's generator and analyzers, the " +
             "manifest step and the framework references the package brings); *without Flash* is the same app with no Flash " +
             "reference and none of its attributes.");
        Line();
        Line("| Project | rebuild (`--no-incremental`) | its CPU time | no-op build |");
        Line("|---|---:|---:|---:|");
        foreach (var variant in new[] { build.Without, build.With })
        {
            Line($"| {variant.Variant} | {Seconds(variant.RebuildWall)} | {Seconds(variant.RebuildCpu)} | {Seconds(variant.NoOpWall)} |");
        }

        Line($"| **with / without** | **{Ratio(build.With.RebuildWall / build.Without.RebuildWall)}** | **{Ratio(build.With.RebuildCpu / build.Without.RebuildCpu)}** | " +
             $"**{Ratio(build.With.NoOpWall / build.Without.NoOpWall)}** |");
        Line();
        if (build.Reported.Count > 0)
        {
            Line("`-p:ReportAnalyzer=true` in the rebuild with Flash (the compiler's own figures):");
            Line();
            Line("| | seconds |");
            Line("|---|---:|");
            foreach (var time in build.Reported.Where(t => t.Name == "total" || t.Seconds >= 0.05))
            {
                Line($"| {(time.Name == "total" ? $"all {time.Kind}s" : $"{time.Name} ({time.Kind})")} | {time.Seconds.ToString("0.000", CultureInfo.InvariantCulture)} |");
            }

            Line();
        }

        if (GeneratedCode is { } code)
        {
            Line($"Compiling what the generator wrote, in process (`Compilation.Emit`: binding, flow analysis and emit; no generator, no analyzer), " +
                 $"medians of {code.Runs} alternating runs:");
            Line();
            Line("| Compilation | Emit | added by the generated code |");
            Line("|---|---:|---:|");
            Line($"| the app alone | {Ms(code.AppMs)} | |");
            Line($"| + the {N(code.N)} shims ({Chars(code.ShimChars)}) | {Ms(code.WithShimsMs)} | {Ms(code.WithShimsMs - code.AppMs)} ({Percent(code.WithShimsMs / code.AppMs - 1)}) |");
            Line($"| + `FlashManifest.g.cs` and `FlashClients.g.cs` ({Chars(code.ManifestChars)}) | {Ms(code.WithAllMs)} | {Ms(code.WithAllMs - code.AppMs)} ({Percent(code.WithAllMs / code.AppMs - 1)}) |");
            Line();
        }
    }

    private static string Chars(long chars) => (chars / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture) + " M characters";

    private void HowMeasured()
    {
        Line("### How this was measured, and how to rerun it");
        Line();
        Line("```");
        Line("bash benchmarks/run                      # everything, about 40 minutes on 2 cores");
        Line("bash benchmarks/run --sizes 10,100 --build-runs 1 --no-doc   # a quick look");
        Line("```");
        Line();
        Line($"- Apps (benchmarks/Flash.Benchmarks/SyntheticApp.cs): N endpoints, one per file, a third each queue-based functions, " +
             "queue-based classes and load-balanced classes, one network volume per ten endpoints, ten ordinary classes per endpoint. " +
             "The Azure app has the same ordinary classes and N HTTP-triggered `[Function]` methods, compiled against " +
             "Microsoft.Azure.Functions.Worker 2.52.0 and Worker.Extensions.Http 3.3.0, with the build properties the worker SDK sets.");
        Line($"- BenchmarkDotNet 0.15.8, in-process, server GC (the compiler's setting), MemoryDiagnoser for allocations; short jobs " +
             "(not the default job's 15 or more iterations, to keep the run within about 40 minutes).");
        Line($"- Full run: 1 warm-up and {Math.Max(5, settings.Iterations)} iterations of one operation each: a new driver with new generator " +
             "instances over a compilation prepared, untimed, for that operation alone: new syntax tree objects (the parsed text re-rooted, " +
             "so no cache keyed by tree is warm) and new reference objects (no metadata symbol loaded), the compiler's declaration table " +
             "built, no symbol bound. The warm variant differs only in reusing the reference objects of the earlier runs. The binding " +
             "floor runs on the fresh kind of compilation. The code of the generators is JIT-compiled by then (a build's first run also " +
             "compiles it).");
        Line($"- Edit loop: 1 warm-up and {settings.Iterations} iterations of at least 250 ms; each operation is one edit: the driver of the " +
             "previous step, a new compilation with one file changed by an incremental reparse, as the IDE does (the reparse and " +
             "`ReplaceSyntaxTree` are inside the timing, for both generators).");
        Line($"- Analyzers: after a warm-up, {settings.AnalyzerRuns} runs per size and app (1 for N = 5,000: each binds the whole app) over the compilation with the generated files, concurrent analysis as in a build.");
        Line("- Builds: two projects written to the temp directory, identical but for Flash's package props and targets, generator, analyzers and " +
             "manifest step (built from this repository in Release); `dotnet build --no-incremental --disable-build-servers`, so every " +
             "build starts its compiler and JIT-compiles the generators and analyzers it loads, as a CI build does.");
        Line("- The machine is shared: the load average above says how busy it was; ratios measured in the same run are steadier than times.");
        Line();
    }

    private string Rewritten(Subject subject, int n, EditKind edit) =>
        Regenerated.FirstOrDefault(r => r.Subject == subject && r.N == n && r.Edit == edit) is { } r
            ? $"{r.Regenerated.Count} of {N(r.Files)}{(r.Regenerated.Count is > 0 and <= 2 ? " (" + Files(r.Regenerated) + ")" : "")}"
            : "";

    private static string Files(IReadOnlyList<string> files) => files.Count == 0 ? "none" : string.Join(", ", files.Select(f => $"`{f}`"));

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : ms.ToString(ms >= 100 ? "0" : ms >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " ms";

    private static string Us(double us) => us.ToString(us >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " µs";

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string Ratio(double ratio) => ratio.ToString(ratio >= 0.1 ? "0.00" : "0.000", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Bytes(long bytes) => bytes >= 1 << 20
        ? (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

    private void Line(string text = "") => _text.Append(text).Append('\n');
}
