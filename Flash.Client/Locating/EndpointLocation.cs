namespace Flash.Client;

/// <summary>Where an endpoint was found: the base URL its paths are appended to, and the setting that said so.</summary>
/// <param name="BaseUrl">The base URL, without a trailing slash.</param>
/// <param name="Source">The setting it came from, as messages name it.</param>
internal sealed record EndpointLocation(string BaseUrl, string Source)
{
    /// <summary>The URL of <paramref name="path"/> (starting with '/') under the base.</summary>
    public Uri Of(string path) => new(BaseUrl + path, UriKind.Absolute);
}
