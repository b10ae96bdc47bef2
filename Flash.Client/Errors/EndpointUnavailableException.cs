namespace Flash.Client;

/// <summary>
/// The endpoint could not be reached or answered with a server error: a request that is not safe to repeat failed, or
/// a job's status could not be read 6 times in a row.
/// </summary>
/// <param name="message">What failed, the job id and last status when there is a job, and whether the job may still run.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="jobId">The job id, when there is a job.</param>
/// <param name="lastStatus">The last status seen, when there is a job.</param>
/// <param name="innerException">The last transport error.</param>
public sealed class EndpointUnavailableException(string message, string endpoint, string? jobId, JobState? lastStatus, Exception? innerException)
    : FlashClientException(message, endpoint, jobId, innerException)
{
    /// <summary>The last status seen, when there is a job.</summary>
    public JobState? LastStatus { get; } = lastStatus;
}
