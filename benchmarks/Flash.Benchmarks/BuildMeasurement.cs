using System.Globalization;
using System.Text.RegularExpressions;
using Flash.Tests.Infrastructure;

namespace Flash.Benchmarks;

/// <summary>Medians of the timed builds of one variant of the project.</summary>
/// <param name="Variant">"without Flash" or "with Flash".</param>
/// <param name="RebuildWall">`dotnet build --no-incremental`: wall time, median.</param>
/// <param name="RebuildCpu">The same builds: CPU time of all their processes, median.</param>
/// <param name="NoOpWall">`dotnet build` with nothing changed: wall time, median.</param>
public sealed record BuildVariant(string Variant, TimeSpan RebuildWall, TimeSpan RebuildCpu, TimeSpan NoOpWall);

/// <summary>One line of the compiler's -p:ReportAnalyzer=true report.</summary>
/// <param name="Kind">"analyzer" or "generator".</param>
/// <param name="Name">The analyzer or generator assembly.</param>
/// <param name="Seconds">Its execution time in that build.</param>
public sealed record ReportedTime(string Kind, string Name, double Seconds);

/// <summary>5: the end-to-end build of the app with and without Flash.</summary>
public sealed record BuildResult(int N, int Runs, BuildVariant Without, BuildVariant With, IReadOnlyList<ReportedTime> Reported, string ReportExcerpt);

/// <summary>
/// Writes the app of N endpoints as two projects on disk and times `dotnet build` of each, alternating, without build
/// servers (every build starts its compiler, as in CI): the app as a user has it, with a PackageReference to the packed
/// Flash.Runtime (and so Flash.Client's generator and analyzers, the build task and the framework references the package
/// brings), and the same app with nothing of Flash (no reference, no attribute).
/// </summary>
public static partial class BuildMeasurement
{
    private static readonly Dictionary<string, string> BuildEnvironment = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    public static BuildResult Measure(int n, int runs)
    {
        var root = Path.Combine(Path.GetTempPath(), "flash-benchmarks", "build-" + n.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        // A package cache of its own: the packages just packed, never an earlier pack of the same version.
        var environment = new Dictionary<string, string>(BuildEnvironment) { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") };
        var version = Pack(Path.Combine(root, "feed"));
        var without = WriteProject(Path.Combine(root, "without-flash"), SyntheticApp.WithoutFlash(n), flashVersion: null);
        var with = WriteProject(Path.Combine(root, "with-flash"), SyntheticApp.Flash(n), version);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "nuget.config"), NuGetConfig(Path.Combine(root, "feed")));
        foreach (var project in new[] { without, with })
        {
            Dotnet(project, environment, "restore");
            Dotnet(project, environment, "build", "--no-restore"); // warm-up: the disk cache and the SDK's own files
        }

        AssertManifest(with, n);
        var rebuilds = new Dictionary<string, List<ProcessResult>> { [without] = [], [with] = [] };
        var noOps = new Dictionary<string, List<ProcessResult>> { [without] = [], [with] = [] };
        for (var run = 0; run < runs; run++)
        {
            // ABBA order, so a drift in the machine's load favours neither.
            foreach (var project in run % 2 == 0 ? new[] { without, with } : [with, without])
            {
                rebuilds[project].Add(Dotnet(project, environment, "build", "--no-restore", "--no-incremental"));
                noOps[project].Add(Dotnet(project, environment, "build", "--no-restore"));
                Console.WriteLine($"// build {Path.GetFileName(project)} run {run + 1}: {rebuilds[project][^1].Wall.TotalSeconds:F1} s, no-op {noOps[project][^1].Wall.TotalSeconds:F1} s");
            }
        }

        AssertManifest(with, n);
        var report = Dotnet(with, environment, "build", "--no-restore", "--no-incremental", "-v:d", "-p:ReportAnalyzer=true");
        return new BuildResult(n, runs, Variant("without Flash", rebuilds[without], noOps[without]), Variant("with Flash", rebuilds[with], noOps[with]),
            Reported(report.Output), Excerpt(report.Output));
    }

    private static BuildVariant Variant(string name, List<ProcessResult> rebuilds, List<ProcessResult> noOps) => new(
        name,
        TimeSpan.FromMilliseconds(Statistics.Median(rebuilds.Select(r => r.Wall.TotalMilliseconds))),
        TimeSpan.FromMilliseconds(Statistics.Median(rebuilds.Select(r => r.Cpu.TotalMilliseconds))),
        TimeSpan.FromMilliseconds(Statistics.Median(noOps.Select(r => r.Wall.TotalMilliseconds))));

    private static ProcessResult Dotnet(string project, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var result = Processes.Run("dotnet", [.. arguments, "--disable-build-servers", "-nologo"], project, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(" ", arguments)} failed in {project}:\n{result.Output}");
        }

        return result;
    }

    /// <summary>Packs Flash.Client and Flash.Runtime (Release) into <paramref name="feed"/>; returns their version.</summary>
    private static string Pack(string feed)
    {
        foreach (var project in new[] { "Flash.Client", "Flash.Runtime" })
        {
            Dotnet(RepoPaths.Root, BuildEnvironment, "pack", Path.Combine(RepoPaths.Root, project, project + ".csproj"), "-c", "Release", "-o", feed);
        }

        var package = Directory.GetFiles(feed, "Flash.Runtime.*.nupkg").Select(Path.GetFileName).Single(f => !f!.EndsWith(".symbols.nupkg", StringComparison.Ordinal))!;
        return package["Flash.Runtime.".Length..^".nupkg".Length];
    }

    // The machine's default source (key "nuget.org") stays; Flash.* comes from the feed only.
    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="flash-local" value="{feed}" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="flash-local">
              <package pattern="Flash.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>

        """;

    private static void AssertManifest(string project, int n)
    {
        var manifest = Path.Combine(project, "bin", "Debug", "net10.0", "flash", "flash_manifest.json");
        var endpoints = File.Exists(manifest) ? System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))?["resources"]?.AsObject().Count ?? 0 : 0;
        if (endpoints != n)
        {
            throw new InvalidOperationException($"The build with Flash wrote {endpoints} endpoints to {manifest}, not {n}.");
        }
    }

    private static string WriteProject(string directory, IReadOnlyList<SourceFile> files, string? flashVersion)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }

        var flash = flashVersion is null
            ? string.Empty
            : $"""
                <ItemGroup>
                  <PackageReference Include="Flash.Runtime" Version="[{flashVersion}]" />
                </ItemGroup>
              """;
        File.WriteAllText(Path.Combine(directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RootNamespace>App</RootNamespace>
              </PropertyGroup>
            {flash}
            </Project>

            """);
        return directory;
    }

    // The compiler's report: "Total analyzer execution time: 1.234 seconds." followed by one line per assembly.
    private static List<ReportedTime> Reported(string output)
    {
        var result = new List<ReportedTime>();
        string? kind = null;
        foreach (var line in output.Split('\n').Select(l => l.Trim()))
        {
            if (TotalLine().Match(line) is { Success: true } total)
            {
                kind = total.Groups["kind"].Value;
                result.Add(new ReportedTime(kind, "total", Seconds(total.Groups["seconds"].Value)));
            }
            else if (kind is not null && AssemblyLine().Match(line) is { Success: true } assembly)
            {
                result.Add(new ReportedTime(kind, assembly.Groups["name"].Value, Seconds(assembly.Groups["seconds"].Value)));
            }
        }

        return result;
    }

    private static string Excerpt(string output) => string.Join("\n", output.Split('\n')
        .Select(l => l.TrimEnd())
        .SkipWhile(l => !TotalLine().IsMatch(l.Trim()))
        .TakeWhile(l => l.Length > 0 && !l.Contains("->", StringComparison.Ordinal))
        .Take(40));

    private static double Seconds(string text) => double.Parse(text.Replace("<", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Total (?<kind>analyzer|generator) execution time: (?<seconds>[<\d.]+) seconds")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"^(?<seconds>[<\d.]+)\s+(?<percent>[<\d.]+)\s+(?<name>[A-Za-z][\w.]*), Version=")]
    private static partial Regex AssemblyLine();
}
