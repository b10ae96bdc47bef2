using System.Globalization;

namespace Flash.Workers.Local;

/// <summary>
/// What the dev server keeps, and for how long. Results expire as RunPod's do (a <c>/run</c> result 30 minutes after
/// the job ends, a <c>/runsync</c> result 1 minute after); on top of that the server holds at most
/// <see cref="MaxJobs"/> jobs and <see cref="MaxBytes"/> of their data (queued inputs, results, unread stream parts),
/// dropping the oldest finished jobs first, so a long session never grows without bound.
/// </summary>
internal sealed record DevRetention
{
    /// <summary>How long a <c>/run</c> job's result is kept after the job ends.</summary>
    public TimeSpan RunResult { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a <c>/runsync</c> job's result is kept after the job ends.</summary>
    public TimeSpan RunSyncResult { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most jobs held (queued, running and finished).</summary>
    public int MaxJobs { get; init; } = 1000;

    /// <summary>The most bytes of job data held.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How many ids of dropped jobs are remembered, so asking for one says it expired instead of "no such job".</summary>
    public int RememberedIds { get; init; } = 100_000;

    /// <summary>The limits in words, for error messages.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"a /run result is kept {Duration(RunResult)} after the job ends, a /runsync result {Duration(RunSyncResult)}, and at most {MaxJobs} jobs and {MaxBytes / (1024 * 1024)} MB of job data are held");

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? string.Empty : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms");
}
