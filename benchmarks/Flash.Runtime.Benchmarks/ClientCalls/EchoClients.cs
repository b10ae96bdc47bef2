namespace Flash.Runtime.Benchmarks.ClientCalls;

/// <summary>The queue-based endpoint echo, called through its generated client.</summary>
[EndpointClient("echo")]
public interface IEchoClient
{
    /// <summary>Runs a job and returns its output (<c>/runsync</c>).</summary>
    Task<EchoResult> EchoAsync(EchoRequest data, CancellationToken cancellationToken = default);
}

/// <summary>The load-balanced endpoint api, called through its generated client.</summary>
[EndpointClient("api")]
public interface IItemsClient
{
    /// <summary>GET /items/{id}.</summary>
    [Get("/items/{id}")]
    Task<Item> ItemAsync(int id, CancellationToken cancellationToken = default);
}
