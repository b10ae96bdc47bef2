namespace Flash.FakeRunPod.Jobs;

/// <summary>One request the fake job API received, as it arrived.</summary>
public sealed record RecordedJobRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The route kind: job-take, job-take-batch, job-stop, job-done, job-stream or ping.</summary>
    public string Kind => Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 3 } parts ? parts[2] : Path;

    /// <summary>The job id of a job-done or job-stream post.</summary>
    public string? JobId => Kind is "job-done" or "job-stream" ? Path.Split('/')[^1] : null;

    /// <summary>The value of the header <paramref name="name"/> (any letter case), or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
