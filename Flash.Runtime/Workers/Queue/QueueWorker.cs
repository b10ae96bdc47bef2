using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Flash.Workers.Queue;

/// <summary>
/// The production loop of a queue-based worker: takes jobs (a batch when the endpoint runs several at once), runs
/// each through the endpoint, sends exactly one final result per job (none for a job the platform stopped), streams
/// parts, sends heartbeats, honours job stops, and on shutdown finishes or cancels what it took before returning.
/// A method that does not return within the timeout grace after its job ended makes the worker stop the same way and
/// report itself unhealthy, so the process exits non-zero and RunPod replaces it.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "_stuck has no timer and no wait handle, so disposing it releases nothing; and a job whose method overruns may cancel it after RunAsync returned.")]
internal sealed class QueueWorker
{
    private readonly EndpointRunner _runner;
    private readonly QueueSettings _settings;
    private readonly JobApi _api;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RunningJob> _running = new(StringComparer.Ordinal);
    private readonly int _maxConcurrency;
    private readonly OverrunMethods _overruns;
    private readonly CancellationTokenSource _stuck = new();

    public QueueWorker(EndpointRunner runner, QueueSettings settings, JobApi api, ILogger logger)
    {
        _runner = runner;
        _settings = settings;
        _api = api;
        _logger = logger;
        _maxConcurrency = Math.Max(1, runner.Endpoint.Definition.MaxConcurrency ?? 1);
        _overruns = new OverrunMethods(settings.TimeoutGrace);
    }

    /// <summary>Ids of the jobs in progress.</summary>
    public ICollection<string> InProgress => _running.Keys;

    /// <summary>
    /// Runs until <paramref name="stopping"/> is cancelled, or a method is stuck, and every taken job has its result.
    /// </summary>
    /// <returns>True when the worker stopped healthy; false when it stopped because a method is stuck.</returns>
    public async Task<bool> RunAsync(CancellationToken stopping)
    {
        _logger.LogInformation(
            "Worker {WorkerId} serving endpoint '{Endpoint}' from the job queue, up to {Concurrency} job(s) at once.",
            _settings.WorkerId, _runner.Endpoint.Definition.Name, _maxConcurrency);

        // Cancelled once the grace period after the stop signal is over: in-flight jobs and a pending take end then.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, _stuck.Token);
        using var graceOver = new CancellationTokenSource();
        using var onStop = stop.Token.Register(() => graceOver.CancelAfter(_settings.ShutdownGrace));
        using var background = new CancellationTokenSource();
        var stops = _api.HasJobTakePath ? PollStopsAsync(background.Token) : Task.CompletedTask;
        var heartbeats = _settings.SendsHeartbeats ? SendHeartbeatsAsync(background.Token) : Task.CompletedTask;

        using var slots = new SemaphoreSlim(_maxConcurrency);
        await TakeJobsAsync(slots, stop.Token, graceOver.Token).ConfigureAwait(false);

        var inFlight = _running.Values.ToList();
        if (inFlight.Count > 0)
        {
            _logger.LogInformation("Stopping: waiting up to {Grace} ms for {Count} job(s) in progress.", _settings.ShutdownGrace.TotalMilliseconds, inFlight.Count);
        }

        // Each job cancels itself when the grace period ends and then still sends its (error) result.
        await Task.WhenAll(inFlight.Select(j => j.Completion)).ConfigureAwait(false);
        await background.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Quietly(stops), Quietly(heartbeats)).ConfigureAwait(false);
        var healthy = !_stuck.IsCancellationRequested;
        if (healthy)
        {
            _logger.LogInformation("Worker {WorkerId} stopped.", _settings.WorkerId);
        }
        else
        {
            _logger.LogCritical("Worker {WorkerId} stopped because a method is stuck; exiting with code 1 so RunPod replaces it.", _settings.WorkerId);
        }

        return healthy;
    }

    private async Task TakeJobsAsync(SemaphoreSlim slots, CancellationToken stopping, CancellationToken graceOver)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var free = 1;
            while (free < _maxConcurrency && slots.Wait(0))
            {
                free++;
            }

            var started = Stopwatch.GetTimestamp();
            TakeResult take;
            try
            {
                take = await _api.TakeAsync(free, !_running.IsEmpty, graceOver).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                slots.Release(free);
                break;
            }

            var used = 0;
            foreach (var job in take.Jobs)
            {
                // A server that hands out more than asked still gets a result for every job: extras run without a slot.
                var holdsSlot = used < free;
                if (Start(job, holdsSlot ? slots : null, graceOver) && holdsSlot)
                {
                    used++;
                }
            }

            if (free - used > 0)
            {
                slots.Release(free - used);
            }

            var pause = take.Outcome switch
            {
                TakeOutcome.Throttled => _settings.ThrottleDelay,
                TakeOutcome.Jobs when take.Jobs.Count > 0 => TimeSpan.Zero,
                _ => _settings.IdlePollInterval - Stopwatch.GetElapsedTime(started),
            };
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, stopping).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private bool Start(TakenJob job, SemaphoreSlim? slot, CancellationToken graceOver)
    {
        var running = new RunningJob(job.Id, CancellationTokenSource.CreateLinkedTokenSource(graceOver));
        if (!_running.TryAdd(job.Id, running))
        {
            _logger.LogWarning("Job {JobId} was handed out again while it is still running; the second copy is ignored.", job.Id);
            running.Cancellation.Dispose();
            return false;
        }

        // The runner gives the method a thread of its own, so this returns at the method's first hop.
        running.Completion = RunAsync(running, job, slot, graceOver);
        return true;
    }

    private async Task RunAsync(RunningJob running, TakenJob job, SemaphoreSlim? slot, CancellationToken graceOver)
    {
        Task? unfinished = null;
        try
        {
            _logger.LogDebug("Job {JobId} started.", job.Id);
            var outcome = job.Input is { } input
                ? await _runner.RunOnOwnThreadAsync(input, job.Id, StreamSink(job.Id), running.Cancellation.Token).ConfigureAwait(false)
                : new JobOutcome(JobResult.Failure("The job has no \"input\": RunPod jobs are {\"id\": …, \"input\": {…}}."), false);
            unfinished = outcome.Unfinished;

            if (running.Stopped)
            {
                _logger.LogInformation("Job {JobId} was stopped by the platform; no result is sent for it.", job.Id);
            }
            else
            {
                await PostResultAsync(job.Id, outcome, graceOver).ConfigureAwait(false);
            }

            _logger.LogDebug("Job {JobId} done.", job.Id);
        }
        catch (Exception ex)
        {
            // Nothing above throws for what a job does; this is a defect, and the job still gets its one result.
            _logger.LogCritical(ex, "Job {JobId} failed inside the worker runtime.", job.Id);
            await _api.PostResultAsync(job.Id, JobResult.Failure("The worker runtime failed: " + ex.Message, JobErrorKind.Handler).ToResultJson(), false).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
            running.Cancellation.Dispose();
        }

        // The job has its result; its slot stays taken while the method still runs, so no more methods run at once
        // than MaxConcurrency allows.
        if (unfinished is not null && !await _overruns.WaitAsync(unfinished).ConfigureAwait(false))
        {
            _logger.LogCritical(
                "The method of job {JobId} (endpoint '{Endpoint}') ignores its cancellation: it is still running {Grace} ms after the job ended " +
                "(execution timeout or stop) and holds a thread. The worker takes no more jobs and exits with code 1 so RunPod replaces it.",
                job.Id, _runner.Endpoint.Definition.Name, _overruns.Grace.TotalMilliseconds);
            await _stuck.CancelAsync().ConfigureAwait(false);
            return;
        }

        slot?.Release();
    }

    private async Task PostResultAsync(string jobId, JobOutcome outcome, CancellationToken graceOver)
    {
        var result = outcome.Result;
        if (result.ErrorKind == JobErrorKind.Cancelled && graceOver.IsCancellationRequested)
        {
            result = JobResult.Failure(
                $"The worker shut down and the job did not finish within the {_settings.ShutdownGrace.TotalMilliseconds:0} ms grace period; it was cancelled.",
                JobErrorKind.Cancelled);
        }

        if (result.IsError)
        {
            _logger.LogWarning("Job {JobId} failed: {Error}", jobId, result.Error);
        }

        await _api.PostResultAsync(jobId, ResultBody(result), outcome.Streamed).ConfigureAwait(false);
    }

    private Func<string, CancellationToken, Task> StreamSink(string jobId) =>
        (part, _) => _api.PostStreamAsync(jobId, "{\"output\":" + part + "}");

    /// <summary>
    /// The result body. A method's exception becomes RunPod's error text: a JSON object with error_type,
    /// error_message, error_traceback, hostname and worker_id; other errors are their message.
    /// </summary>
    internal string ResultBody(JobResult result)
    {
        if (result.Exception is not { } ex)
        {
            return result.ToResultJson();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("error_type", ex.GetType().FullName);
            writer.WriteString("error_message", ex.Message);
            writer.WriteString("error_traceback", ex.ToString());
            writer.WriteString("hostname", Environment.MachineName);
            writer.WriteString("worker_id", _settings.WorkerId);
            writer.WriteEndObject();
        }

        return "{\"error\":" + JobResult.JsonString(System.Text.Encoding.UTF8.GetString(buffer.ToArray())) + "}";
    }

    private async Task PollStopsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var id in await _api.PollStopsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_running.TryGetValue(id, out var job))
                {
                    _logger.LogInformation("The platform stopped job {JobId}; cancelling it.", id);
                    job.Stopped = true;
                    await job.Cancellation.CancelAsync().ConfigureAwait(false);
                }
            }

            var pause = _settings.IdlePollInterval - Stopwatch.GetElapsedTime(started);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendHeartbeatsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _api.PingAsync(_running.Keys.Order(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            await Task.Delay(_settings.PingInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A background loop of the worker failed.");
        }
    }

    private sealed class RunningJob(string id, CancellationTokenSource cancellation)
    {
        public string Id { get; } = id;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task Completion { get; set; } = Task.CompletedTask;

        public volatile bool Stopped;
    }
}
