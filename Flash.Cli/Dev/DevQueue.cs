using System.Globalization;
using Flash.Client;
using Flash.Workers.Local;

namespace Flash.Cli.Dev;

/// <summary>
/// The jobs of one queue-based endpoint under <c>flash dev</c>: what callers submit through the public API and the
/// endpoint's worker takes through RunPod's job protocol. Jobs past the endpoint's execution timeout end TIMED_OUT and,
/// like cancelled ones, are handed to the worker's job-stop poll; a result that arrives after the job ended is ignored.
/// What is kept, and for how long, is <see cref="DevRetention"/>, as in the runtime's dev server.
/// </summary>
internal sealed class DevQueue(string endpoint, int executionTimeoutMs, DevRetention retention, TimeProvider time) : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DevJob> _jobs = new(StringComparer.Ordinal);
    private readonly LinkedList<DevJob> _order = new();
    private readonly Queue<DevJob> _waiting = new();
    private readonly Queue<string> _stops = new();
    private readonly Dictionary<string, string> _forgotten = new(StringComparer.Ordinal);
    private readonly Queue<string> _forgottenOrder = new();
    private readonly SemaphoreSlim _jobArrived = new(0);
    private readonly SemaphoreSlim _stopArrived = new(0);

    public string Endpoint { get; } = endpoint;

    /// <summary>Holds a new job, dropping the oldest finished ones when the limits need room; false when only queued or running jobs fill them.</summary>
    public bool TryAdd(DevJob job, out string refusal)
    {
        lock (_gate)
        {
            Sweep();
            while (OverLimits(job.Bytes) && _order.FirstOrDefault(j => j.IsFinished) is { } oldest)
            {
                Drop(oldest, "was dropped to stay within flash dev's limits");
            }

            if (OverLimits(job.Bytes))
            {
                refusal = $"flash dev is full: {_jobs.Count} jobs of '{Endpoint}' are queued or running, and {retention.Describe()}. Wait for jobs to finish, then submit again.";
                return false;
            }

            _jobs.Add(job.Id, job);
            job.Node = _order.AddLast(job);
            _waiting.Enqueue(job);
            refusal = "";
        }

        _jobArrived.Release();
        return true;
    }

    /// <summary>The job, or null with what became of it (null when it never existed).</summary>
    public DevJob? Find(string id, out string? forgotten)
    {
        lock (_gate)
        {
            Sweep();
            _forgotten.TryGetValue(id, out forgotten);
            return _jobs.GetValueOrDefault(id);
        }
    }

    /// <summary>What a 404 for a job id says.</summary>
    public string NotFound(string id, string? forgotten) => forgotten is null
        ? $"Endpoint '{Endpoint}' has no job '{id}'."
        : $"Job '{id}' {forgotten}, and its result is gone: {retention.Describe()}.";

    /// <summary>A snapshot of a job's state, read under the gate.</summary>
    public T Read<T>(DevJob job, Func<DevJob, T> read)
    {
        lock (_gate)
        {
            return read(job);
        }
    }

    public void Cancel(DevJob job) => End(job, JobStatuses.Cancelled, null, null, stopWorker: true);

    /// <summary>Takes up to <paramref name="count"/> queued jobs, waiting up to <paramref name="hold"/> for one (RunPod long-polls too).</summary>
    public async Task<IReadOnlyList<string>> TakeAsync(int count, TimeSpan hold, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(hold);
        while (true)
        {
            lock (_gate)
            {
                var taken = new List<string>();
                while (taken.Count < count && _waiting.TryDequeue(out var job))
                {
                    if (job.Status == JobStatuses.InQueue)
                    {
                        taken.Add(job.Start());
                        if (executionTimeoutMs > 0)
                        {
                            job.Deadline = time.CreateTimer(_ => TimeOut(job), null, TimeSpan.FromMilliseconds(executionTimeoutMs), Timeout.InfiniteTimeSpan);
                        }
                    }
                }

                if (taken.Count > 0)
                {
                    return taken;
                }
            }

            try
            {
                await _jobArrived.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    /// <summary>The ids of cancelled and timed-out jobs the worker still runs, waiting up to <paramref name="hold"/> for one.</summary>
    public async Task<IReadOnlyList<string>> StopsAsync(TimeSpan hold, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(hold);
        while (true)
        {
            lock (_gate)
            {
                if (_stops.Count > 0)
                {
                    var stops = _stops.ToList();
                    _stops.Clear();
                    return stops;
                }
            }

            try
            {
                await _stopArrived.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    /// <summary>A worker's final result: <c>output</c> JSON or an <c>error</c> text. Ignored for a job that already ended.</summary>
    public void Complete(string id, string? outputJson, string? error)
    {
        lock (_gate)
        {
            if (_jobs.TryGetValue(id, out var job) && job.Status == JobStatuses.InProgress)
            {
                job.Finish(error is null ? JobStatuses.Completed : JobStatuses.Failed, error is null ? outputJson : null, error);
            }
        }
    }

    /// <summary>One streamed part of a running job.</summary>
    public void AddPart(string id, string partJson)
    {
        lock (_gate)
        {
            if (_jobs.TryGetValue(id, out var job) && job.Status == JobStatuses.InProgress)
            {
                job.AddPart(partJson);
            }
        }
    }

    /// <summary>Fails the jobs in progress: their worker is gone, so no result will come.</summary>
    public void FailInProgress(string error)
    {
        lock (_gate)
        {
            foreach (var job in _jobs.Values.Where(j => j.Status == JobStatuses.InProgress))
            {
                job.Finish(JobStatuses.Failed, null, error);
            }
        }
    }

    /// <summary>The held jobs by status.</summary>
    public Dictionary<string, int> Counts()
    {
        lock (_gate)
        {
            Sweep();
            return _jobs.Values.GroupBy(j => j.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    private void TimeOut(DevJob job) =>
        End(job, JobStatuses.TimedOut, null, string.Create(CultureInfo.InvariantCulture, $"The job ran longer than the endpoint's execution timeout ({executionTimeoutMs} ms)."), stopWorker: true);

    private void End(DevJob job, string status, string? output, string? error, bool stopWorker)
    {
        bool stop;
        lock (_gate)
        {
            if (job.IsFinished)
            {
                return;
            }

            stop = stopWorker && job.Status == JobStatuses.InProgress;
            job.Finish(status, output, error);
            if (stop)
            {
                _stops.Enqueue(job.Id);
            }
        }

        if (stop)
        {
            _stopArrived.Release();
        }
    }

    private bool OverLimits(long addedBytes) =>
        _jobs.Count + 1 > retention.MaxJobs || _jobs.Values.Sum(j => j.Bytes) + addedBytes > retention.MaxBytes;

    /// <summary>Drops expired results. Call under the gate.</summary>
    private void Sweep()
    {
        var now = time.GetTimestamp();
        for (var node = _order.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.ExpiresAt(retention) is { } expires && expires <= now)
            {
                Drop(node.Value, "expired");
            }

            node = next;
        }
    }

    private void Drop(DevJob job, string reason)
    {
        _jobs.Remove(job.Id);
        _order.Remove(job.Node!);
        _forgotten[job.Id] = reason;
        _forgottenOrder.Enqueue(job.Id);
        while (_forgottenOrder.Count > retention.RememberedIds)
        {
            _forgotten.Remove(_forgottenOrder.Dequeue());
        }
    }

    public void Dispose()
    {
        _jobArrived.Dispose();
        _stopArrived.Dispose();
    }
}
