namespace Flash.Client;

/// <summary>The job had not ended when the wait's timeout passed; the job itself goes on.</summary>
/// <param name="message">The job, the time waited, the last status, and how to go on waiting.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="jobId">The job id.</param>
/// <param name="lastStatus">The last status seen.</param>
/// <param name="waited">How long the wait lasted.</param>
public sealed class JobWaitTimeoutException(string message, string endpoint, string jobId, JobState lastStatus, TimeSpan waited)
    : FlashClientException(message, endpoint, jobId)
{
    /// <summary>The last status seen.</summary>
    public JobState LastStatus { get; } = lastStatus;

    /// <summary>How long the wait lasted.</summary>
    public TimeSpan Waited { get; } = waited;
}
