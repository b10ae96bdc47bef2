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

    public static void Loop(string what, int n, int count)
    {
        Func<object> operation = what switch
        {
            "full" => () => Compilations.Driver(Subject.Flash).RunGenerators(Compilations.App(Subject.Flash, n).Clone()),
            "full-steps" => () => PrintSteps(Compilations.Driver(Subject.Flash, trackSteps: true).RunGenerators(Compilations.App(Subject.Flash, n).Clone())),
            "azure-full" => () => Compilations.Driver(Subject.Azure).RunGenerators(Compilations.App(Subject.Azure, n).Clone()),
            "edit-a" => new EditLoop(Subject.Flash, n, EditKind.UnrelatedMethod).Step,
            "edit-b" => new EditLoop(Subject.Flash, n, EditKind.EndpointBody).Step,
            "edit-c" => new EditLoop(Subject.Flash, n, EditKind.AttributeArgument).Step,
            "azure-edit-a" => new EditLoop(Subject.Azure, n, EditKind.UnrelatedMethod).Step,
            _ => throw new ArgumentException($"Nothing to profile called '{what}'."),
        };
        var times = new List<double>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < count; i++)
        {
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
