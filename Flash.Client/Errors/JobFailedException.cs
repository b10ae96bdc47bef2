namespace Flash.Client;

/// <summary>The job ended <c>FAILED</c>: the worker's method threw, or the worker rejected the input.</summary>
/// <param name="message">The job, the endpoint and the worker's error.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="jobId">The job id.</param>
/// <param name="errorType">The exception type the worker reported, when it reported one.</param>
/// <param name="errorMessage">The worker's error message.</param>
/// <param name="errorTraceback">The worker's stack trace, when it reported one.</param>
public sealed class JobFailedException(string message, string endpoint, string jobId, string? errorType, string errorMessage, string? errorTraceback)
    : FlashClientException(message, endpoint, jobId)
{
    /// <summary>The exception type the worker reported (<c>error_type</c>), when it reported one.</summary>
    public string? ErrorType { get; } = errorType;

    /// <summary>The worker's error message (<c>error_message</c>, or the whole error text).</summary>
    public string ErrorMessage { get; } = errorMessage;

    /// <summary>The worker's stack trace (<c>error_traceback</c>), when it reported one.</summary>
    public string? ErrorTraceback { get; } = errorTraceback;
}
