using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Flash.Manifest;

namespace Flash.Cli.Dev;

/// <summary>
/// The worker process of one endpoint under <c>flash dev</c>: the built app started with the endpoint's variables, its
/// output forwarded with the endpoint's name in front. When it exits, <see cref="Exited"/> is told (so its jobs fail) and
/// it is started again, at most <see cref="MaxRestarts"/> times; then the endpoint is unavailable, with the reason.
/// A load-balanced worker serves its routes on a free port of its own; <see cref="ReadyAsync"/> waits for its /ping.
/// </summary>
internal sealed class DevWorker(EndpointDefinition endpoint, DevApp app, Func<int, IReadOnlyDictionary<string, string?>> variables, DevOutput output)
{
    /// <summary>How often a worker that keeps exiting is started again before its endpoint gives up.</summary>
    public const int MaxRestarts = 3;

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly object _gate = new();
    private Process? _process;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _restarts;
    private bool _stopping;

    public EndpointDefinition Endpoint { get; } = endpoint;

    /// <summary>Told the exit code when the worker exits on its own.</summary>
    public Action<int>? Exited { get; set; }

    public int ProcessId { get; private set; }

    /// <summary>The port of a load-balanced worker's routes (and /ping).</summary>
    public int Port { get; private set; }

    /// <summary>Why the endpoint answers no more, once the worker exited too often; null while it runs.</summary>
    public string? Unavailable { get; private set; }

    public void Start()
    {
        lock (_gate)
        {
            Port = Endpoint.IsLoadBalanced ? FreePort() : 0;
            var info = app.StartInfo();
            foreach (var (key, value) in variables(Port))
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }

            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Forward(e.Data);
            process.ErrorDataReceived += (_, e) => Forward(e.Data);
            process.Exited += (_, _) => OnExit(process);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            (_process, ProcessId) = (process, process.Id);
            if (Endpoint.IsLoadBalanced)
            {
                _ = WatchReadinessAsync(process, Port, _ready);
            }
        }
    }

    /// <summary>Waits until the load-balanced worker's /ping answers 200; false when it did not within <paramref name="timeout"/>.</summary>
    public async Task<bool> ReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        return await Task.WhenAny(ready, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false) == ready;
    }

    public void Stop()
    {
        Process? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }

        try
        {
            process?.Kill(entireProcessTree: true);
            process?.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    private void OnExit(Process process)
    {
        int code;
        lock (_gate)
        {
            if (_stopping || process != _process)
            {
                return;
            }

            process.WaitForExit();
            code = process.ExitCode;
            _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        output.Line(Endpoint.Name, string.Create(CultureInfo.InvariantCulture, $"the worker (pid {process.Id}) exited with code {code}."));
        Exited?.Invoke(code);
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            if (_restarts == MaxRestarts)
            {
                Unavailable = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Endpoint '{Endpoint.Name}' is unavailable: its worker exited {MaxRestarts + 1} times, last with code {code}. Its output in flash dev's console says why; fix it, rebuild and restart flash dev.");
                output.Line(Endpoint.Name, Unavailable);
                return;
            }

            _restarts++;
        }

        Start();
        output.Line(Endpoint.Name, string.Create(CultureInfo.InvariantCulture, $"started the worker again (restart {_restarts} of {MaxRestarts}): pid {ProcessId}."));
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            output.Line(Endpoint.Name, line);
        }
    }

    private static async Task WatchReadinessAsync(Process process, int port, TaskCompletionSource ready)
    {
        while (!process.HasExited)
        {
            try
            {
                using var response = await Probe.GetAsync(new Uri($"http://127.0.0.1:{port}/ping")).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ready.TrySetResult();
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
