using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flash.FakeRunPod.Jobs;

/// <summary>
/// A fake of RunPod's job API (docs/worker.md describes the protocol) on real Kestrel on 127.0.0.1: hands out queued jobs (single and batch
/// takes, long-polled), accepts results, stream parts and heartbeats, answers the job-stop poll, records every
/// request, and injects faults per route. Used where RunPod's own servers are out of reach.
/// </summary>
public sealed class FakeJobServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _jobs = new();
    private readonly ConcurrentQueue<string> _stops = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new(StringComparer.Ordinal);
    private readonly List<RecordedJobRequest> _requests = [];
    private readonly HashSet<int> _accepted = [];
    private readonly SemaphoreSlim _jobArrived = new(0);
    private readonly SemaphoreSlim _stopArrived = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private int _handedOut;
    private int _resultCount;
    private readonly SemaphoreSlim _resultArrived = new(0);

    private FakeJobServer(WebApplication app) => _app = app;

    /// <summary>The base address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>How long an empty take or job-stop poll is held open waiting for work (RunPod long-polls too).</summary>
    public TimeSpan Hold { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Whether requests are kept (<see cref="Requests"/>); benchmarks switch it off and count results only.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>The endpoint id in the URLs.</summary>
    public const string EndpointId = "ep-test";

    /// <summary>Starts the server on a free port of 127.0.0.1.</summary>
    public static async Task<FakeJobServer> StartAsync()
    {
        var app = Loopback.Build(port: 0);
        var server = new FakeJobServer(app);
        app.Run(server.HandleAsync);
        server.BaseUrl = await Loopback.StartAsync(app).ConfigureAwait(false);
        return server;
    }

    /// <summary>The RUNPOD_* variables a worker against this fake gets.</summary>
    public Dictionary<string, string?> WorkerEnvironment(string? podId = "pod-1", string? apiKey = "key-123") => new(StringComparer.Ordinal)
    {
        ["RUNPOD_WEBHOOK_GET_JOB"] = $"{BaseUrl}/v2/{EndpointId}/job-take/$ID?gpu=TEST",
        ["RUNPOD_WEBHOOK_POST_OUTPUT"] = $"{BaseUrl}/v2/{EndpointId}/job-done/$RUNPOD_POD_ID/$ID?gpu=TEST",
        ["RUNPOD_WEBHOOK_POST_STREAM"] = $"{BaseUrl}/v2/{EndpointId}/job-stream/$RUNPOD_POD_ID/$ID?gpu=TEST",
        ["RUNPOD_WEBHOOK_PING"] = $"{BaseUrl}/v2/{EndpointId}/ping/$RUNPOD_POD_ID?gpu=TEST",
        ["RUNPOD_POD_ID"] = podId,
        ["RUNPOD_AI_API_KEY"] = apiKey,
    };

    /// <summary>Queues a job <c>{"id": id, "input": input}</c>.</summary>
    public void Enqueue(string id, string inputJson) => EnqueueRaw($"{{\"id\":\"{id}\",\"input\":{inputJson}}}");

    /// <summary>Queues a job given as raw JSON text (possibly malformed on purpose).</summary>
    public void EnqueueRaw(string jobJson)
    {
        _jobs.Enqueue(jobJson);
        _jobArrived.Release();
    }

    /// <summary>Makes the next job-stop poll (or the one waiting) return this job id.</summary>
    public void StopJob(string id)
    {
        _stops.Enqueue(id);
        _stopArrived.Release();
    }

    /// <summary>The next request of <paramref name="kind"/> (job-take, job-take-batch, job-done, job-stream, ping, job-stop) gets this fault.</summary>
    public void Inject(string kind, params Fault[] faults)
    {
        var queue = _faults.GetOrAdd(kind, _ => new ConcurrentQueue<Fault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedJobRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The final results that were accepted (answered 200), in order.</summary>
    public IReadOnlyList<RecordedJobRequest> Results => Accepted("job-done");

    /// <summary>The stream parts that were accepted, in order.</summary>
    public IReadOnlyList<RecordedJobRequest> StreamParts => Accepted("job-stream");

    /// <summary>The number of jobs still queued.</summary>
    public int Queued => _jobs.Count;

    /// <summary>The number of jobs handed out by takes that were answered.</summary>
    public int HandedOut => Volatile.Read(ref _handedOut);

    /// <summary>The number of final results accepted so far.</summary>
    public int ResultCount => Volatile.Read(ref _resultCount);

    /// <summary>Waits until <paramref name="count"/> results were accepted; fails after <paramref name="timeout"/> (a hang guard, not a timing).</summary>
    public async Task<IReadOnlyList<RecordedJobRequest>> WaitForResultsAsync(int count, TimeSpan? timeout = null)
    {
        await WaitForResultCountAsync(count, timeout).ConfigureAwait(false);
        return Results;
    }

    /// <summary>Waits until the accepted results reach <paramref name="count"/>, woken by each one (no polling).</summary>
    public async Task WaitForResultCountAsync(int count, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (ResultCount < count)
        {
            try
            {
                await _resultArrived.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} result(s), got {ResultCount}. Requests:\n" + string.Join("\n", Requests.Select(r => $"{r.Method} {r.Path} {r.Body}")));
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> jobs were handed out.</summary>
    public Task WaitForHandedOutAsync(int count) => WaitForAsync(_ => HandedOut >= count, $"{count} job(s) handed out");

    /// <summary>Waits until a request satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<RecordedJobRequest>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(Requests))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain for {what}. Requests:\n" + string.Join("\n", Requests.Select(r => $"{r.Method} {r.Path} {r.Body}")));
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private IReadOnlyList<RecordedJobRequest> Accepted(string kind)
    {
        lock (_gate)
        {
            return _requests.Where((r, i) => r.Kind == kind && _accepted.Contains(i)).ToList();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var request = new RecordedJobRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
            body);
        var index = -1;
        if (RecordRequests)
        {
            lock (_gate)
            {
                index = _requests.Count;
                _requests.Add(request);
            }
        }

        if (_faults.TryGetValue(request.Kind, out var faults) && faults.TryDequeue(out var fault))
        {
            await ApplyAsync(context, fault).ConfigureAwait(false);
            return;
        }

        switch (request.Kind)
        {
            case "job-take" or "job-take-batch":
                await TakeAsync(context, request).ConfigureAwait(false);
                return;
            case "job-stop":
                await StopsAsync(context).ConfigureAwait(false);
                return;
            case "job-done" or "job-stream" or "ping":
                lock (_gate)
                {
                    _accepted.Add(index);
                }

                context.Response.StatusCode = 200;
                if (request.Kind == "job-done")
                {
                    Interlocked.Increment(ref _resultCount);
                    _resultArrived.Release();
                }

                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private async Task TakeAsync(HttpContext context, RecordedJobRequest request)
    {
        var batch = request.Kind == "job-take-batch";
        var size = batch && request.Query.TryGetValue("batch_size", out var text) && int.TryParse(text, out var n) ? n : 1;
        var taken = new List<string>();
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        hold.CancelAfter(Hold);
        while (taken.Count == 0)
        {
            while (taken.Count < size && _jobs.TryDequeue(out var job))
            {
                taken.Add(job);
            }

            if (taken.Count > 0)
            {
                break;
            }

            try
            {
                await _jobArrived.WaitAsync(hold.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Response.StatusCode = 204;
                return;
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(batch ? "[" + string.Join(",", taken) + "]" : taken[0]).ConfigureAwait(false);
        await context.Response.CompleteAsync().ConfigureAwait(false);
        Interlocked.Add(ref _handedOut, taken.Count);
    }

    private async Task StopsAsync(HttpContext context)
    {
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        hold.CancelAfter(Hold);
        try
        {
            string? id;
            while (!_stops.TryDequeue(out id))
            {
                await _stopArrived.WaitAsync(hold.Token).ConfigureAwait(false);
            }

            context.Response.StatusCode = 200;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["jobsToStop"] = [id] })).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Response.StatusCode = 204;
        }
    }

    private async Task ApplyAsync(HttpContext context, Fault fault)
    {
        switch (fault)
        {
            case Fault.StatusFault status:
                context.Response.StatusCode = status.Code;
                return;
            case Fault.GarbageFault garbage:
                context.Response.StatusCode = 200;
                await context.Response.WriteAsync(garbage.Body).ConfigureAwait(false);
                return;
            case Fault.HangFault:
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    await Task.Delay(Timeout.Infinite, hang.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                }

                context.Abort();
                return;
            default:
                context.Abort();
                return;
        }
    }
}
