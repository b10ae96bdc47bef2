using Flash.Client;

namespace Flash.Cli.Dev;

/// <summary>One job of a queue-based endpoint under <c>flash dev</c>; its <see cref="DevQueue"/>'s gate guards every member that changes.</summary>
internal sealed class DevJob(string id, bool sync, string inputJson, TimeProvider time)
{
    private readonly long _created = time.GetTimestamp();
    private readonly List<string> _parts = [];
    private long? _started;
    private long? _finished;

    public string Id { get; } = id;

    /// <summary>Submitted through <c>/runsync</c>: its result is kept for a shorter time.</summary>
    public bool Sync { get; } = sync;

    /// <summary>The job's <c>input</c> as JSON text until a worker takes it.</summary>
    public string? InputJson { get; private set; } = inputJson;

    public string Status { get; private set; } = JobStatuses.InQueue;

    public string? OutputJson { get; private set; }

    public string? Error { get; private set; }

    public bool IsFinished => _finished is not null;

    /// <summary>Completes when the job reaches a final status.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the job when it runs past the endpoint's execution timeout.</summary>
    public ITimer? Deadline { get; set; }

    public LinkedListNode<DevJob>? Node { get; set; }

    /// <summary>The bytes held for the job: its input until it starts, then its unread parts and its result (text is UTF-16).</summary>
    public long Bytes => 2L * ((InputJson?.Length ?? 0) + _parts.Sum(p => (long)p.Length) + (OutputJson?.Length ?? 0) + (Error?.Length ?? 0));

    public long? DelayMs => Ms(_created, _started);

    public long? ExecutionMs => Ms(_started, _finished);

    /// <summary>The timestamp when its result expires; null while it has not finished.</summary>
    public long? ExpiresAt(Workers.Local.DevRetention retention) =>
        _finished is { } finished ? finished + (long)((Sync ? retention.RunSyncResult : retention.RunResult).TotalSeconds * time.TimestampFrequency) : null;

    /// <summary>Hands the job to a worker: the job as RunPod's job take answers it, <c>{"id", "input"}</c>.</summary>
    public string Start()
    {
        _started = time.GetTimestamp();
        Status = JobStatuses.InProgress;
        var taken = $"{{\"id\":{System.Text.Json.JsonSerializer.Serialize(Id, DevJson.Default.String)},\"input\":{InputJson}}}";
        InputJson = null;
        return taken;
    }

    public void AddPart(string part) => _parts.Add(part);

    /// <summary>The parts not returned before; returned parts are held no longer.</summary>
    public List<string> TakeParts()
    {
        var parts = new List<string>(_parts);
        _parts.Clear();
        return parts;
    }

    public void Finish(string status, string? outputJson, string? error)
    {
        _finished = time.GetTimestamp();
        _started ??= _finished;
        (Status, OutputJson, Error, InputJson) = (status, outputJson, error, null);
        Deadline?.Dispose();
        Finished.TrySetResult();
    }

    private long? Ms(long? from, long? to) =>
        from is { } a && to is { } b ? (long)time.GetElapsedTime(a, b).TotalMilliseconds : null;
}
