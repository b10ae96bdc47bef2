namespace Flash.Client;

/// <summary>An endpoint named by a client resolves to no id or URL anywhere Flash looks.</summary>
/// <param name="message">The endpoint, each place tried, and how to fix it (<c>flash deploy</c>, or a setting).</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="tried">The places looked at, in order.</param>
public sealed class EndpointNotConfiguredException(string message, string endpoint, IReadOnlyList<string> tried)
    : FlashClientException(message, endpoint)
{
    /// <summary>The places looked at, in order.</summary>
    public IReadOnlyList<string> Tried { get; } = tried;
}
