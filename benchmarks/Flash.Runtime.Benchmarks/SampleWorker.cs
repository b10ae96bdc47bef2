using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Flash.FakeRunPod.Jobs;
using Flash.Tests.Infrastructure;

namespace Flash.Runtime.Benchmarks;

/// <summary>The built samples/Quickstart started as a queue worker process against the fake job server.</summary>
internal sealed class SampleWorker : IDisposable
{
    /// <summary>Where the AOT-published sample is, when not in artifacts/aot/Quickstart.</summary>
    public const string AotVariable = "FLASH_AOT_SAMPLE";

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

    /// <summary>Starts the "jit" (dotnet Quickstart.dll, Release build) or "aot" (published native binary) worker.</summary>
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
    public static void Require(string build) => _ = Command(build);

    /// <summary>SIGTERM, then waits for the graceful exit.</summary>
    public void Dispose()
    {
        _ = kill(_process.Id, 15);
        _process.WaitForExit();
        _process.Dispose();
    }

    private static (string File, string[] Args) Command(string build)
    {
        var root = RepoPaths.Root;
        if (build == "jit")
        {
            var dll = Path.Combine(RepoPaths.Sample, "bin", "Release", "net10.0", "Quickstart.dll");
            return File.Exists(dll)
                ? ("dotnet", [dll])
                : throw new InvalidOperationException($"Build the sample first: dotnet build samples/Quickstart -c Release (no {dll}).");
        }

        var native = Environment.GetEnvironmentVariable(AotVariable) is { Length: > 0 } given ? given : Path.Combine(root, "artifacts", "aot", "Quickstart");
        return File.Exists(native)
            ? (native, [])
            : throw new InvalidOperationException($"Publish the sample first: dotnet publish samples/Quickstart -r linux-x64 -o artifacts/aot (no {native}; or set {AotVariable}).");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
