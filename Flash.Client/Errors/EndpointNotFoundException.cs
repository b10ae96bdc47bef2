namespace Flash.Client;

/// <summary>RunPod (or the local server) has no endpoint at the resolved id or URL: 404.</summary>
/// <param name="message">The endpoint, the URL called, and where its id came from.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="url">The URL that answered 404.</param>
public sealed class EndpointNotFoundException(string message, string endpoint, Uri url)
    : FlashClientException(message, endpoint)
{
    /// <summary>The URL that answered 404.</summary>
    public Uri Url { get; } = url;
}
