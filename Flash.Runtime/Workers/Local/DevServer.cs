using System.Globalization;
using System.Text.Json;
using Flash.Client;
using Flash.Workers.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Flash.Workers.Local;

/// <summary>
/// The local dev server (<c>serve</c>): RunPod's public endpoint API for one queue-based endpoint, so a client written
/// against RunPod works unchanged. Routes exist both bare (<c>/run</c>) and under <c>/v2/{endpointId}/</c>.
/// Jobs run at most the endpoint's max concurrency at once; what is kept of them, and for how long, is
/// <see cref="DevRetention"/>.
/// </summary>
internal sealed class DevServer : IDisposable
{
    private readonly EndpointRunner _runner;
    private readonly ILogger _logger;
    private readonly OverrunMethods _overruns;
    private readonly DevRetention _retention;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly ITimer _sweeper;

    /// <summary>Guards the jobs, their order, the forgotten ids and the byte count.</summary>
    private readonly object _gate = new();
    private readonly Dictionary<string, DevJob> _jobs = new(StringComparer.Ordinal);
    private readonly LinkedList<DevJob> _order = new();
    private readonly Dictionary<string, string> _forgotten = new(StringComparer.Ordinal);
    private readonly Queue<string> _forgottenOrder = new();
    private long _heldBytes;

    public DevServer(EndpointRunner runner, ILogger logger, OverrunMethods overruns, DevRetention? retention = null, TimeProvider? time = null)
    {
        _runner = runner;
        _logger = logger;
        _overruns = overruns;
        _retention = retention ?? new DevRetention();
        _time = time ?? TimeProvider.System;
        _slots = new SemaphoreSlim(Math.Max(1, runner.Endpoint.Definition.MaxConcurrency ?? 1));

        // Requests sweep too; the timer frees expired results of a server nobody asks anything.
        _sweeper = _time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    /// <summary>How many jobs are held now (queued, running, finished and not yet dropped).</summary>
    public int HeldJobs
    {
        get
        {
            lock (_gate)
            {
                Sweep();
                return _jobs.Count;
            }
        }
    }

    /// <summary>The bytes of job data held now.</summary>
    public long HeldBytes
    {
        get
        {
            lock (_gate)
            {
                Sweep();
                return _heldBytes;
            }
        }
    }

    /// <summary>Adds the routes, and JSON answers for requests no route takes.</summary>
    public void Map(WebApplication app)
    {
        HttpJson.AnswerUnroutedWithJson(
            app,
            context => $"The dev server has no {context.Request.Method} {context.Request.Path}: it answers POST /run, POST /runsync, GET /status/ID, " +
                       "GET /stream/ID, POST /cancel/ID and GET /health, also under /v2/ENDPOINT_ID/.");
        foreach (var prefix in new[] { string.Empty, "/v2/{endpointId}" })
        {
            app.MapPost(prefix + "/run", (RequestDelegate)(c => SubmitAsync(c, wait: false)));
            app.MapPost(prefix + "/runsync", (RequestDelegate)(c => SubmitAsync(c, wait: true)));
            app.MapMethods(prefix + "/status/{id}", ["GET", "POST"], (RequestDelegate)StatusAsync);
            app.MapGet(prefix + "/stream/{id}", (RequestDelegate)StreamAsync);
            app.MapPost(prefix + "/cancel/{id}", (RequestDelegate)CancelAsync);
            app.MapGet(prefix + "/health", (RequestDelegate)HealthAsync);
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        _slots.Dispose();
    }

    private async Task SubmitAsync(HttpContext context, bool wait)
    {
        if (await JobSubmission.ReadAsync(context, wait).ConfigureAwait(false) is not var (input, bytes))
        {
            return;
        }

        var job = new DevJob((wait ? "sync-" : string.Empty) + Guid.NewGuid().ToString("D"), wait, input, bytes, _time);
        if (!TryAdd(job, out var refusal))
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, refusal).ConfigureAwait(false);
            return;
        }

        // The runner gives the method a thread of its own, so this returns once the job waits for a slot or runs.
        job.Completion = RunAsync(job);
        if (!wait)
        {
            await JobAnswers.WriteSubmittedAsync(context, job.Id).ConfigureAwait(false);
            return;
        }

        await Task.WhenAny(job.Completion, Task.Delay(JobSubmission.SyncWait(context), context.RequestAborted)).ConfigureAwait(false);
        await WriteStatusAsync(context, job, includeResult: true).ConfigureAwait(false);
    }

    private async Task RunAsync(DevJob job)
    {
        try
        {
            await _slots.WaitAsync(job.Cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Finish(job, JobStatuses.Cancelled, null, null);
            return;
        }

        Task? unfinished = null;
        try
        {
            var input = Start(job);
            var outcome = await _runner.RunOnOwnThreadAsync(input, job.Id, (part, _) => AddPart(job, part), job.Cancellation.Token).ConfigureAwait(false);
            unfinished = outcome.Unfinished;
            var result = outcome.Result;
            var status = result.ErrorKind switch
            {
                JobErrorKind.None => JobStatuses.Completed,
                JobErrorKind.Cancelled when job.Cancellation.IsCancellationRequested => JobStatuses.Cancelled,
                JobErrorKind.TimedOut => JobStatuses.TimedOut,
                _ => JobStatuses.Failed,
            };
            if (result.IsError)
            {
                _logger.LogWarning("Job {JobId} {Status}: {Error}", job.Id, status, result.Error);
            }

            Finish(job, status, result.OutputJson, result.Error);
        }
        finally
        {
            // The slot stays taken while the method still runs, up to the grace: no more methods run at once than
            // MaxConcurrency allows. A stuck one gives its slot back (this server has no replacement worker) and
            // shows as unhealthy in /health until it returns.
            if (unfinished is not null && !await _overruns.WaitAsync(unfinished).ConfigureAwait(false))
            {
                _logger.LogWarning(
                    "The method of job {JobId} ignores its cancellation and is still running {Grace} ms after the job ended; /health counts the worker " +
                    "unhealthy until it returns (on RunPod a queue worker would exit so it gets replaced).",
                    job.Id, _overruns.Grace.TotalMilliseconds);
            }

            _slots.Release();
        }
    }

    private Task StatusAsync(HttpContext context) =>
        Find(context) is { } job ? WriteStatusAsync(context, job, includeResult: true) : NotFoundAsync(context);

    private async Task CancelAsync(HttpContext context)
    {
        if (Find(context) is not { } job)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        await job.Cancellation.CancelAsync().ConfigureAwait(false);
        await Task.WhenAny(job.Completion, Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted)).ConfigureAwait(false);
        await WriteStatusAsync(context, job, includeResult: false).ConfigureAwait(false);
    }

    private Task StreamAsync(HttpContext context)
    {
        if (Find(context) is not { } job)
        {
            return NotFoundAsync(context);
        }

        var (status, parts) = Change(job, static j => j.TakeParts());
        return JobAnswers.WriteStreamAsync(context, status, parts);
    }

    private Task HealthAsync(HttpContext context)
    {
        Dictionary<string, int> counts;
        lock (_gate)
        {
            Sweep();
            counts = _jobs.Values.GroupBy(j => j.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }

        var stuck = _overruns.Stuck > 0;
        int Count(string status) => counts.TryGetValue(status, out var n) ? n : 0;
        var running = Count(JobStatuses.InProgress);
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            JobAnswers.WriteJobCounts(w, counts);
            w.WriteStartObject("workers");
            w.WriteNumber("idle", running == 0 ? 1 : 0);
            w.WriteNumber("initializing", 0);
            w.WriteNumber("ready", stuck ? 0 : 1);
            w.WriteNumber("running", running == 0 ? 0 : 1);
            w.WriteNumber("throttled", 0);
            w.WriteNumber("unhealthy", stuck ? 1 : 0);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private DevJob? Find(HttpContext context)
    {
        lock (_gate)
        {
            Sweep();
            return context.Request.RouteValues["id"] is string id && _jobs.TryGetValue(id, out var job) ? job : null;
        }
    }

    private Task NotFoundAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        string? reason;
        lock (_gate)
        {
            _forgotten.TryGetValue(id, out reason);
        }

        return HttpJson.WriteErrorAsync(
            context,
            StatusCodes.Status404NotFound,
            reason is null
                ? $"There is no job '{id}' on this server."
                : $"Job '{id}' {reason}, and its result is gone: {_retention.Describe()}.");
    }

    /// <summary>Holds a new job, dropping the oldest finished ones when the limits need room; false when only queued or running jobs fill them.</summary>
    private bool TryAdd(DevJob job, out string refusal)
    {
        lock (_gate)
        {
            Sweep();
            DropOldestFinishedWhileOver(1, job.Bytes);
            if (OverLimits(1, job.Bytes))
            {
                refusal = string.Create(
                    CultureInfo.InvariantCulture,
                    $"The dev server is full: {_jobs.Count} jobs queued or running hold {_heldBytes / (1024.0 * 1024.0):0.0} MB, and {_retention.Describe()}. Wait for jobs to finish, then submit again.");
                return false;
            }

            _jobs.Add(job.Id, job);
            job.Node = _order.AddLast(job);
            _heldBytes += job.Bytes;
            refusal = string.Empty;
            return true;
        }
    }

    /// <summary>Marks the job started and hands over its input, which the server holds no longer.</summary>
    private JsonElement Start(DevJob job) => Change(job, static j => j.Start());

    private Task AddPart(DevJob job, string part)
    {
        Change(job, j => j.AddPart(part));
        return Task.CompletedTask;
    }

    private void Finish(DevJob job, string status, string? output, string? error)
    {
        lock (_gate)
        {
            Change(job, j => j.Finish(status, output, error));
            Sweep();
        }
    }

    /// <summary>Changes a held job under the gate, keeping the count of held bytes in step with what the job holds.</summary>
    private T Change<T>(DevJob job, Func<DevJob, T> change)
    {
        lock (_gate)
        {
            _heldBytes -= job.Bytes;
            var result = change(job);
            _heldBytes += job.Bytes;
            return result;
        }
    }

    private void Change(DevJob job, Action<DevJob> change) =>
        Change(job, j =>
        {
            change(j);
            return true;
        });

    private bool OverLimits(int addedJobs, long addedBytes) =>
        _jobs.Count + addedJobs > _retention.MaxJobs || _heldBytes + addedBytes > _retention.MaxBytes;

    /// <summary>Drops the oldest finished jobs while the held jobs, with those to be added, are over the limits. Call under the gate.</summary>
    private void DropOldestFinishedWhileOver(int addedJobs, long addedBytes)
    {
        while (OverLimits(addedJobs, addedBytes) && _order.FirstOrDefault(j => j.IsFinished) is { } oldest)
        {
            Drop(oldest, "was dropped to stay within the dev server's limits");
        }
    }

    /// <summary>Drops expired results, then the oldest finished jobs while the server holds more than its limits.</summary>
    private void Sweep()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            for (var node = _order.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.ExpiresAt(_retention) is { } expires && expires <= now)
                {
                    Drop(node.Value, "expired");
                }

                node = next;
            }

            DropOldestFinishedWhileOver(0, 0);
        }
    }

    private void Drop(DevJob job, string reason)
    {
        _jobs.Remove(job.Id);
        _order.Remove(job.Node!);
        _heldBytes -= job.Bytes;
        _forgotten[job.Id] = reason;
        _forgottenOrder.Enqueue(job.Id);
        while (_forgottenOrder.Count > _retention.RememberedIds)
        {
            _forgotten.Remove(_forgottenOrder.Dequeue());
        }
    }

    private Task WriteStatusAsync(HttpContext context, DevJob job, bool includeResult)
    {
        DevJob.State snapshot;
        lock (_gate)
        {
            snapshot = job.Snapshot();
        }

        return JobAnswers.WriteStatusAsync(
            context,
            job.Id,
            snapshot.Status,
            includeResult ? snapshot.OutputJson : null,
            includeResult ? snapshot.Error : null,
            snapshot.DelayMs,
            snapshot.ExecutionMs);
    }

    /// <summary>One job; the server's gate guards every member that changes.</summary>
    private sealed class DevJob(string id, bool sync, JsonElement input, long inputBytes, TimeProvider time)
    {
        private readonly long _created = time.GetTimestamp();
        private readonly List<string> _parts = [];
        private JsonElement _input = input;
        private long _inputBytes = inputBytes;
        private long _partBytes;
        private long? _started;
        private long? _finished;
        private string? _output;
        private string? _error;

        public string Id { get; } = id;

        public CancellationTokenSource Cancellation { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;

        public LinkedListNode<DevJob>? Node { get; set; }

        public string Status { get; private set; } = JobStatuses.InQueue;

        public bool IsFinished => _finished is not null;

        /// <summary>The bytes of data held for the job: its input until it starts, then its unread parts and its result (text is UTF-16).</summary>
        public long Bytes => _inputBytes + _partBytes + 2L * ((_output?.Length ?? 0) + (_error?.Length ?? 0));

        /// <summary>The timestamp when its result expires; null while it has not finished.</summary>
        public long? ExpiresAt(DevRetention retention) =>
            _finished is { } finished ? finished + (long)((sync ? retention.RunSyncResult : retention.RunResult).TotalSeconds * time.TimestampFrequency) : null;

        public JsonElement Start()
        {
            _started = time.GetTimestamp();
            Status = JobStatuses.InProgress;
            var input = _input;
            (_input, _inputBytes) = (default, 0);
            return input;
        }

        public void AddPart(string part)
        {
            _parts.Add(part);
            _partBytes += 2L * part.Length;
        }

        public void Finish(string status, string? output, string? error)
        {
            _finished = time.GetTimestamp();
            (Status, _output, _error) = (status, output, error);
            (_input, _inputBytes) = (default, 0);
        }

        /// <summary>The parts not read yet; read parts are held no longer.</summary>
        public (string Status, List<string> Parts) TakeParts()
        {
            var parts = new List<string>(_parts);
            _parts.Clear();
            _partBytes = 0;
            return (Status, parts);
        }

        public State Snapshot() => new(Status, _output, _error, Ms(_created, _started), Ms(_started, _finished));

        private long? Ms(long? from, long? to) =>
            from is { } a && to is { } b ? (long)time.GetElapsedTime(a, b).TotalMilliseconds : null;

        /// <summary>What a status answer shows.</summary>
        public readonly record struct State(string Status, string? OutputJson, string? Error, long? DelayMs, long? ExecutionMs);
    }
}
