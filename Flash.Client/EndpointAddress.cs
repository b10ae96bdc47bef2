namespace Flash.Client;

/// <summary>Which endpoint a client calls: a name resolved when it is first called, a RunPod id, or a base URL.</summary>
public sealed class EndpointAddress
{
    private EndpointAddress(string display, string? name, string? id, Uri? url, EndpointKind kind)
    {
        Display = display;
        Name = name;
        Id = id;
        Url = url;
        Kind = kind;
    }

    /// <summary>The endpoint's name, when it is resolved by name.</summary>
    public string? Name { get; }

    /// <summary>The RunPod endpoint id, when it is fixed.</summary>
    public string? Id { get; }

    /// <summary>The endpoint's base URL, when it is fixed.</summary>
    public Uri? Url { get; }

    /// <summary>Queue-based or load-balanced: how the endpoint is called.</summary>
    public EndpointKind Kind { get; }

    /// <summary>The endpoint as messages name it.</summary>
    public string Display { get; }

    /// <summary>The endpoint named <paramref name="name"/>, resolved on first call.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="kind">How it is called.</param>
    /// <returns>The address.</returns>
    public static EndpointAddress Named(string name, EndpointKind kind) =>
        new($"endpoint '{name}'", name, null, null, kind);

    /// <summary>The endpoint with RunPod id <paramref name="id"/>.</summary>
    /// <param name="id">The RunPod endpoint id.</param>
    /// <param name="kind">How it is called.</param>
    /// <returns>The address.</returns>
    public static EndpointAddress ById(string id, EndpointKind kind) =>
        new($"endpoint id '{id}'", null, id, null, kind);

    /// <summary>The endpoint at <paramref name="url"/> (the URL that <c>/run</c> or a route is appended to).</summary>
    /// <param name="url">The base URL.</param>
    /// <param name="kind">How it is called.</param>
    /// <returns>The address.</returns>
    public static EndpointAddress At(Uri url, EndpointKind kind) =>
        new($"endpoint at {url}", null, null, url, kind);

    /// <inheritdoc />
    public override string ToString() => Display;
}

/// <summary>How an endpoint is called.</summary>
public enum EndpointKind
{
    /// <summary>Through its job queue: <c>/run</c>, <c>/runsync</c>, <c>/status</c>, <c>/stream</c>, <c>/cancel</c>.</summary>
    QueueBased = 1,

    /// <summary>Through its HTTP routes, served by the workers directly.</summary>
    LoadBalanced = 2,
}
