namespace Flash.Client;

/// <summary>The endpoint refused the API key (401 or 403).</summary>
/// <param name="message">The status, where the key came from, and how to fix it.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="keySource">Where the key came from (<c>RUNPOD_API_KEY</c>, <c>~/.runpod/config.toml</c>, …), or <c>no key</c>.</param>
/// <param name="statusCode">401 or 403.</param>
public sealed class EndpointAuthenticationException(string message, string endpoint, string keySource, int statusCode)
    : FlashClientException(message, endpoint)
{
    /// <summary>Where the key came from; never any part of the key.</summary>
    public string KeySource { get; } = keySource;

    /// <summary>The HTTP status: 401 or 403.</summary>
    public int StatusCode { get; } = statusCode;
}
