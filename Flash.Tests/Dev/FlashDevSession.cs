extern alias cli;

using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using cli::Flash.Cli.Commands;
using Flash.Tests.Infrastructure;

namespace Flash.Tests.Dev;

/// <summary>
/// <c>flash dev</c> run in-process over the real built sample, as a user starts it (a free port instead of 8000), its
/// worker processes real; stopped by cancelling, as Ctrl+C does.
/// </summary>
internal sealed partial class FlashDevSession : IAsyncDisposable
{
    private readonly StringWriter _output = new();
    private readonly TextWriter _synchronized;
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _apiKey;

    private FlashDevSession(string[] args)
    {
        _apiKey = args.SkipWhile(a => a != "--api-key").Skip(1).FirstOrDefault();
        _synchronized = TextWriter.Synchronized(_output);
        var env = new CliEnvironment(RepoPaths.Sample, Environment.GetEnvironmentVariable, Path.GetTempPath(), TextReader.Null, _synchronized, _synchronized);
        Run = Task.Run(() => FlashCommandLine.RunAsync(["dev", "--manifest", ManifestPath, "--port", "0", .. args], env, ct: _stop.Token));
    }

    /// <summary>The sample's manifest as its build wrote it, beside Quickstart.dll.</summary>
    public static string ManifestPath => Path.Combine(Path.GetDirectoryName(WorkerProcess.SampleDll)!, "flash", "flash_manifest.json");

    /// <summary>The command, until it exits.</summary>
    public Task<int> Run { get; }

    /// <summary>The gateway, e.g. http://127.0.0.1:41234.</summary>
    public string Url { get; private set; } = "";

    public string Output
    {
        get
        {
            lock (_synchronized)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts flash dev and waits for its FLASH_DEV_URL line.</summary>
    public static async Task<FlashDevSession> StartAsync(params string[] args)
    {
        var session = new FlashDevSession(args);
        var deadline = Stopwatch.StartNew();
        Match match;
        while (!(match = DevUrl().Match(session.Output)).Success)
        {
            if (session.Run.IsCompleted || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail("flash dev did not start:\n" + session.Output);
            }

            await Task.Delay(50);
        }

        session.Url = match.Groups[1].Value;
        return session;
    }

    /// <summary>The worker pid flash dev printed for <paramref name="endpoint"/>, or its latest restart's.</summary>
    public int WorkerPid(string endpoint) =>
        int.Parse(Regex.Match(Output, $@"^{Regex.Escape(endpoint)}\s.*\(worker pid (\d+)", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Pauses the worker of queue endpoint <paramref name="endpoint"/> (SIGSTOP) while its next take is open, so the gateway
    /// hands it the next job (running) and queues the ones after. A job run first makes sure the worker has started
    /// and is back at its take; the caller sends CONT or KILL.
    /// </summary>
    /// <returns>The worker's pid.</returns>
    public async Task<int> PauseWorkerWithTakeOpenAsync(string endpoint)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        if (_apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _apiKey);
        }

        using var warmUp = await http.PostAsync($"/v2/{endpoint}/runsync", new StringContent("""{"input": {"data": {"text": "warm-up"}}}"""));
        var answer = await warmUp.Content.ReadAsStringAsync();
        Assert.That(JsonNode.Parse(answer)?["status"]?.GetValue<string>(), Is.EqualTo("COMPLETED"), $"the warm-up job of {endpoint}: {answer}");

        // The worker takes again as soon as it has posted a result; give it that moment.
        await Task.Delay(300);
        var pid = WorkerPid(endpoint);
        Signals.Send("STOP", pid);
        return pid;
    }

    /// <summary>Polls a job's status until it is <paramref name="status"/>; fails after 30 s (a hang guard).</summary>
    public static async Task<JsonNode> WaitForStatusAsync(HttpClient http, string endpoint, string id, string status)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var node = JsonNode.Parse(await http.GetStringAsync($"/v2/{endpoint}/status/{id}"))!;
            if (node["status"]!.GetValue<string>() == status)
            {
                return node;
            }

            Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), $"job {id} never reached {status}; last: {node.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run;
        _stop.Dispose();
    }

    [GeneratedRegex(@"Set FLASH_DEV_URL=(\S+) for Flash clients")]
    private static partial Regex DevUrl();
}
