using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Flash.Tests.Infrastructure;

/// <summary>
/// The built sample started as a real process, the way a container starts it: JIT (<c>dotnet Quickstart.dll</c>), or
/// the Native AOT binary named by FLASH_AOT_SAMPLE when CI published one. Output is collected as it comes.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>A published native sample to run instead of the JIT build, when set.</summary>
    public const string AotVariable = "FLASH_AOT_SAMPLE";

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string SampleDll => RepoPaths.SampleBinary("Quickstart");

    /// <summary>Whether the runs use the Native AOT binary.</summary>
    public static bool IsAot => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AotVariable));

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static WorkerProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var aot = Environment.GetEnvironmentVariable(AotVariable);
        var info = new ProcessStartInfo(string.IsNullOrEmpty(aot) ? "dotnet" : aot)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (string.IsNullOrEmpty(aot))
        {
            Assert.That(SampleDll, Does.Exist, "the sample is built with the tests (ProjectReference)");
            info.ArgumentList.Add(SampleDll);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing of the test runner's environment decides the worker's mode.
        foreach (var name in new[] { "FLASH_RESOURCE_NAME", "RUNPOD_WEBHOOK_GET_JOB", "PORT", "PORT_HEALTH", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT" })
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        return new WorkerProcess(Process.Start(info)!);
    }

    /// <summary>Runs to the end and returns the exit code (fails after two minutes: a hang guard).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the worker did not exit.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until standard error contains <paramref name="text"/>, and returns that line.</summary>
    public async Task<string> WaitForLogAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (Stderr.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(20);
        }

        return Stderr.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))
            ?? throw new AssertionException($"the worker never logged '{text}'.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>Sends SIGTERM, as `docker stop` does.</summary>
    public void Terminate()
    {
        Assert.That(kill(_process.Id, 15), Is.EqualTo(0), "kill(SIGTERM)");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>A port free on the loopback interface now (for servers that must be told their port up front).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
