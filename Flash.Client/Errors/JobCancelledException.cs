namespace Flash.Client;

/// <summary>The job ended <c>CANCELLED</c>.</summary>
/// <param name="message">The job and the endpoint.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="jobId">The job id.</param>
public sealed class JobCancelledException(string message, string endpoint, string jobId)
    : FlashClientException(message, endpoint, jobId);
