using Flash;
using Flash.Client;
using Quickstart;

namespace Caller;

/// <summary>The queue-based endpoint large-temp-storage: a result right away, or a job to wait for.</summary>
[EndpointClient("large-temp-storage")]
public interface ILargeTempStorage
{
    /// <summary>Runs a job and returns its output (<c>/runsync</c>).</summary>
    Task<Result> ProcessAsync(Request data, CancellationToken cancellationToken = default);

    /// <summary>Queues a job (<c>/run</c>) and returns its handle.</summary>
    Task<FlashJob<Result>> StartAsync(Request data, CancellationToken cancellationToken = default);
}

/// <summary>The streaming endpoint word-stream: each word as the worker yields it.</summary>
[EndpointClient("word-stream")]
public interface IWords
{
    /// <summary>The words of the text, streamed (<c>/run</c>, then <c>/stream</c>).</summary>
    IAsyncEnumerable<string> WordsAsync(Request data, CancellationToken cancellationToken = default);
}

/// <summary>The load-balanced endpoint inference-api: its HTTP routes.</summary>
[EndpointClient("inference-api")]
public interface IInferenceApi
{
    /// <summary>POST /generate with the prompt in the body.</summary>
    [Post("/generate")]
    Task<Generated> GenerateAsync(string prompt, CancellationToken cancellationToken = default);

    /// <summary>GET /models.</summary>
    [Get("/models")]
    Task<string[]> ModelsAsync(CancellationToken cancellationToken = default);
}
