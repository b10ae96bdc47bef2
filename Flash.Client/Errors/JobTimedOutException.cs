namespace Flash.Client;

/// <summary>The job ended <c>TIMED_OUT</c>: it ran longer than the endpoint's execution timeout.</summary>
/// <param name="message">The job, the endpoint and what to do.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="jobId">The job id.</param>
public sealed class JobTimedOutException(string message, string endpoint, string jobId)
    : FlashClientException(message, endpoint, jobId);
