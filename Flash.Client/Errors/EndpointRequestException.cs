namespace Flash.Client;

/// <summary>
/// The endpoint answered a request with an error status not covered by another type: a route's 422 (its input was
/// rejected) or 500 (its method threw), a 400 of the job API.
/// </summary>
/// <param name="message">The request, the status and the body's error text.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="body">The answer's body (at most 4 KB of it).</param>
public sealed class EndpointRequestException(string message, string endpoint, int statusCode, string body)
    : FlashClientException(message, endpoint)
{
    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The answer's body (at most 4 KB of it).</summary>
    public string Body { get; } = body;
}
