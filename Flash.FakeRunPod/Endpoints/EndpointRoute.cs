namespace Flash.FakeRunPod.Endpoints;

/// <summary>
/// Which endpoint a request of the public endpoint API is for, and its route key: the method and the first path segment
/// after the endpoint (<c>POST /run</c>, <c>GET /status</c>, a load-balanced route's <c>POST /generate</c>).
/// </summary>
/// <param name="Endpoint">The endpoint name or id in the path, or empty.</param>
/// <param name="Key">The route key.</param>
public sealed record EndpointRoute(string Endpoint, string Key)
{
    /// <summary>The route of a request with <paramref name="method"/> and <paramref name="path"/> (<c>/v2/{endpoint}/...</c>).</summary>
    public static EndpointRoute Of(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var endpoint = segments is ["v2", var name, ..] ? name : "";
        return new EndpointRoute(endpoint, $"{method} /{(segments.Length > 2 ? segments[2] : "")}");
    }
}
