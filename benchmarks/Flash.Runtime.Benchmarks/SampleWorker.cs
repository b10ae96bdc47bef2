using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Flash.FakeRunPod.Jobs;
using Flash.Tests.Infrastructure;

namespace Flash.Runtime.Benchmarks;

/// <summary>
/// The published samples/Quickstart started as a queue worker process against the fake job server, the way its
/// container image starts it: the published files and the environment variables the image declares.
/// </summary>
internal sealed class SampleWorker : IDisposable
{
    /// <summary>Where the AOT-published sample is, when not in artifacts/aot/Quickstart.</summary>
    public const string AotVariable = "FLASH_AOT_SAMPLE";

    /// <summary>The publish of the JIT worker the benchmarks start (ReadyToRun, by Flash.Runtime's default).</summary>
    public const string JitPublish = "dotnet publish samples/Quickstart -r linux-x64 -p:PublishAot=false -o artifacts/jit";

    /// <summary>The publish of the Native AOT worker.</summary>
    public const string AotPublish = "dotnet publish samples/Quickstart -r linux-x64 -o artifacts/aot";

    private static readonly Dictionary<string, Dictionary<string, string>> ImageEnvironments = [];

    private readonly Process _process;

    private SampleWorker(Process process) => _process = process;

    /// <summary>Peak resident memory so far (VmHWM), in kB.</summary>
    public long PeakKb
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The published native binary.</summary>
    public static string AotBinary =>
        Environment.GetEnvironmentVariable(AotVariable) is { Length: > 0 } given ? given : Path.Combine(RepoPaths.Root, "artifacts", "aot", "Quickstart");

    /// <summary>Starts the "jit" (dotnet Quickstart.dll, published) or "aot" (published native binary) worker.</summary>
    public static SampleWorker Start(string build, FakeJobServer fake, string endpoint)
    {
        var (file, args) = Command(build);
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in fake.WorkerEnvironment())
        {
            info.Environment[name] = value;
        }

        foreach (var (name, value) in ImageEnvironment(build))
        {
            info.Environment[name] = value;
        }

        info.Environment[Flash.Manifest.WorkerVariables.ResourceName] = endpoint;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SampleWorker(process);
    }

    /// <summary>Checks that the build exists, with the command that makes it when it does not.</summary>
    public static void Require(string build)
    {
        _ = Command(build);
        _ = ImageEnvironment(build);
    }

    /// <summary>SIGTERM, then waits for the graceful exit.</summary>
    public void Dispose()
    {
        _ = kill(_process.Id, 15);
        _process.WaitForExit();
        _process.Dispose();
    }

    private static (string File, string[] Args) Command(string build)
    {
        if (build == "jit")
        {
            var dll = Path.Combine(RepoPaths.Root, "artifacts", "jit", "Quickstart.dll");
            return File.Exists(dll)
                ? ("dotnet", [dll])
                : throw new InvalidOperationException($"Publish the sample first: {JitPublish} (no {dll}).");
        }

        var native = AotBinary;
        return File.Exists(native)
            ? (native, [])
            : throw new InvalidOperationException($"Publish the sample first: {AotPublish} (no {native}; or set {AotVariable}).");
    }

    /// <summary>
    /// The variables the build's container image declares (its ContainerEnvironmentVariable items, such as the gen0
    /// budget Flash.Runtime gives JIT images), asked of MSBuild once per build.
    /// </summary>
    private static Dictionary<string, string> ImageEnvironment(string build)
    {
        lock (ImageEnvironments)
        {
            if (!ImageEnvironments.TryGetValue(build, out var environment))
            {
                environment = ReadImageEnvironment(build == "aot");
                ImageEnvironments[build] = environment;
            }

            return environment;
        }
    }

    private static Dictionary<string, string> ReadImageEnvironment(bool aot)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { "msbuild", RepoPaths.Sample, "-getItem:ContainerEnvironmentVariable", "-p:Configuration=Release", "-p:RuntimeIdentifier=linux-x64", $"-p:PublishAot={aot}" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet msbuild -getItem:ContainerEnvironmentVariable failed for the sample: {output}");
        }

        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Items").TryGetProperty("ContainerEnvironmentVariable", out var items)
            ? items.EnumerateArray().ToDictionary(i => i.GetProperty("Identity").GetString()!, i => i.GetProperty("Value").GetString()!, StringComparer.Ordinal)
            : [];
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
