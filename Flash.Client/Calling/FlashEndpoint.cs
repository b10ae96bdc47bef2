using System.Text.Json;

namespace Flash.Client;

/// <summary>
/// One endpoint, ready to call: its queue (<c>/run</c>, <c>/runsync</c>, <c>/stream</c>, <c>/status</c>,
/// <c>/cancel</c>, <c>/health</c>) or its routes. Where it is gets resolved on the first call, so creating one never
/// fails. Generated clients are thin typed layers over it; by hand it is Python's <c>Endpoint(id=…)</c>.
/// </summary>
public sealed class FlashEndpoint
{
    internal FlashEndpoint(FlashClient client, EndpointAddress address, JsonSerializerOptions json)
    {
        Client = client;
        Address = address;
        Json = json;
    }

    /// <summary>Which endpoint this is.</summary>
    public EndpointAddress Address { get; }

    internal FlashClient Client { get; }

    internal JsonSerializerOptions Json { get; }

    /// <summary>Empty arguments for one call.</summary>
    /// <returns>The arguments, written with this endpoint's JSON options.</returns>
    public CallArguments Arguments() => new(Json);

    /// <summary>Runs a job and waits for its output (<c>/runsync</c>; polls <c>/status</c> when RunPod answers before the job ends).</summary>
    /// <typeparam name="TResult">The output's type.</typeparam>
    /// <param name="input">The job input's properties.</param>
    /// <param name="cancellationToken">Stops waiting (the job itself is not cancelled).</param>
    /// <returns>The job's output.</returns>
    public Task<TResult> RunSyncAsync<TResult>(CallArguments input, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Queues a job (<c>/run</c>) and returns its handle at once.</summary>
    /// <typeparam name="TResult">The output's type.</typeparam>
    /// <param name="input">The job input's properties.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The job's handle.</returns>
    public Task<FlashJob<TResult>> RunAsync<TResult>(CallArguments input, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Queues a job of a streaming method and yields each part as the worker produces it (<c>/run</c>, then <c>/stream</c>).</summary>
    /// <typeparam name="TPart">The type of one part.</typeparam>
    /// <param name="input">The job input's properties.</param>
    /// <param name="cancellationToken">Stops reading and cancels the job.</param>
    /// <returns>The parts, in order.</returns>
    public IAsyncEnumerable<TPart> StreamAsync<TPart>(CallArguments input, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The handle of a job queued earlier, by its id.</summary>
    /// <typeparam name="TResult">The output's type.</typeparam>
    /// <param name="jobId">The job id <c>/run</c> returned.</param>
    /// <returns>The job's handle.</returns>
    public FlashJob<TResult> Job<TResult>(string jobId) => throw new NotImplementedException();

    /// <summary>Calls a route of a load-balanced endpoint.</summary>
    /// <typeparam name="TResult">The answer's type.</typeparam>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path with its parameters filled in and escaped, starting with '/'.</param>
    /// <param name="body">The JSON body's properties, or null for none.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The answer.</returns>
    public Task<TResult> SendAsync<TResult>(HttpMethod method, string path, CallArguments? body, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The endpoint's <c>/health</c> answer: jobs and workers by state.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The answer as JSON.</returns>
    public Task<JsonElement> HealthAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
