namespace Flash.Client;

/// <summary>A call to an endpoint did not give its result. Each cause has its own type; this is their base.</summary>
public class FlashClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="endpoint">The endpoint as messages name it.</param>
    /// <param name="jobId">The job id, when there is a job.</param>
    /// <param name="innerException">The cause, if any.</param>
    public FlashClientException(string message, string endpoint, string? jobId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        JobId = jobId;
    }

    /// <summary>The endpoint as messages name it (<c>endpoint 'name'</c>, <c>endpoint id 'abc'</c>).</summary>
    public string Endpoint { get; }

    /// <summary>The job id, when the call had created a job.</summary>
    public string? JobId { get; }
}
