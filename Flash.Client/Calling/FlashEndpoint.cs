using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

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
        Channel = new EndpointChannel(client, address);
    }

    /// <summary>Which endpoint this is.</summary>
    public EndpointAddress Address { get; }

    internal FlashClient Client { get; }

    internal JsonSerializerOptions Json { get; }

    internal EndpointChannel Channel { get; }

    /// <summary>Empty arguments for one call.</summary>
    /// <returns>The arguments, written with this endpoint's JSON options.</returns>
    public CallArguments Arguments() => new(Json);

    /// <summary>Runs a job and waits for its output (<c>/runsync</c>; polls <c>/status</c> when RunPod answers before the job ends).</summary>
    /// <typeparam name="TResult">The output's type.</typeparam>
    /// <param name="input">The job input's properties.</param>
    /// <param name="cancellationToken">Stops waiting (the job itself is not cancelled).</param>
    /// <returns>The job's output.</returns>
    public async Task<TResult> RunSyncAsync<TResult>(CallArguments input, CancellationToken cancellationToken = default)
    {
        var answer = await QueueAsync("/runsync", PayloadLimits.RunSync, input, cancellationToken).ConfigureAwait(false);
        var jobId = JobIdOf(answer);
        return JobAnswerReader.IsFinal(answer.Status)
            ? JobAnswerReader.Output<TResult>(answer, this, jobId)
            : await Job<TResult>(jobId).WaitAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a job (<c>/run</c>) and returns its handle at once.</summary>
    /// <typeparam name="TResult">The output's type.</typeparam>
    /// <param name="input">The job input's properties.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The job's handle.</returns>
    public async Task<FlashJob<TResult>> RunAsync<TResult>(CallArguments input, CancellationToken cancellationToken = default)
    {
        var answer = await QueueAsync("/run", PayloadLimits.Run, input, cancellationToken).ConfigureAwait(false);
        return Job<TResult>(JobIdOf(answer));
    }

    /// <summary>Queues a job of a streaming method and yields each part as the worker produces it (<c>/run</c>, then <c>/stream</c>).</summary>
    /// <typeparam name="TPart">The type of one part.</typeparam>
    /// <param name="input">The job input's properties.</param>
    /// <param name="cancellationToken">Stops reading and cancels the job.</param>
    /// <returns>The parts, in order.</returns>
    public IAsyncEnumerable<TPart> StreamAsync<TPart>(CallArguments input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StreamPartsAsync<TPart>(input, cancellationToken);
    }

    /// <summary>The handle of a job queued earlier, by its id.</summary>
    /// <typeparam name="TResult">The output's type.</typeparam>
    /// <param name="jobId">The job id <c>/run</c> returned.</param>
    /// <returns>The job's handle.</returns>
    public FlashJob<TResult> Job<TResult>(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return new(this, jobId);
    }

    /// <summary>Calls a route of a load-balanced endpoint.</summary>
    /// <typeparam name="TResult">The answer's type.</typeparam>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path with its parameters filled in and escaped, starting with '/'.</param>
    /// <param name="body">The JSON body's properties, or null for none.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The answer.</returns>
    public async Task<TResult> SendAsync<TResult>(HttpMethod method, string path, CallArguments? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (path is not ['/', ..])
        {
            throw new ArgumentException($"A route path starts with '/'; '{path}' does not.", nameof(path));
        }

        var kind = method == HttpMethod.Get ? RequestKind.Repeatable : RequestKind.Route;
        var answer = await Channel.SendAsync(method, path, body?.Object(), kind, null, cancellationToken).ConfigureAwait(false);
        return answer.Body.Length == 0 ? default! : JsonSerializer.Deserialize(answer.Body, (JsonTypeInfo<TResult>)Json.GetTypeInfo(typeof(TResult)))!;
    }

    /// <summary>The endpoint's <c>/health</c> answer: jobs and workers by state.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The answer as JSON.</returns>
    public async Task<JsonElement> HealthAsync(CancellationToken cancellationToken = default)
    {
        var answer = await Channel.SendAsync(HttpMethod.Get, "/health", null, RequestKind.Repeatable, null, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(answer.Body, ProtocolJson.Default.JsonElement);
    }

    /// <summary>A job's <c>/status</c> answer; with <paramref name="poll"/>, a 5xx or 429 answer is a fault for the wait to count.</summary>
    internal async Task<JobAnswer> StatusAnswerAsync(string jobId, bool poll, CancellationToken cancellationToken)
    {
        var path = "/status/" + Uri.EscapeDataString(jobId);
        var answer = poll
            ? Transient(await Channel.ExchangeAsync(HttpMethod.Get, path, null, RequestKind.Poll, cancellationToken).ConfigureAwait(false), jobId)
            : await Channel.SendAsync(HttpMethod.Get, path, null, RequestKind.Repeatable, jobId, cancellationToken).ConfigureAwait(false);
        return JobAnswerReader.Read(answer, Address);
    }

    private EndpointAnswer Transient(EndpointAnswer answer, string jobId) =>
        answer.IsSuccess ? answer
        : answer.IsTransient ? throw new TransientAnswerException(answer)
        : throw Channel.Failure(answer, jobId);

    private async Task<JobAnswer> QueueAsync(string path, long limit, CallArguments input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var body = input.JobBody();
        if (body.Length > limit)
        {
            throw EndpointErrors.InputTooLarge(Address, path, body.Length, limit);
        }

        var answer = await Channel.SendAsync(HttpMethod.Post, path, body, RequestKind.CreatesJob, null, cancellationToken).ConfigureAwait(false);
        return JobAnswerReader.Read(answer, Address);
    }

    private string JobIdOf(JobAnswer answer) =>
        answer.Id is { Length: > 0 } id
            ? id
            : throw new FlashClientException(
                $"{Address.Display} accepted the job but its answer has no job id. Check that {Channel.Location.BaseUrl} is a RunPod endpoint.",
                Address.Display);

    private async IAsyncEnumerable<TPart> StreamPartsAsync<TPart>(CallArguments input, [EnumeratorCancellation] CancellationToken enumeratorCancellation)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(enumeratorCancellation);
        var job = await RunAsync<JsonElement>(input, cancellation.Token).ConfigureAwait(false);
        var ended = false;
        try
        {
            while (!ended)
            {
                var answer = await job.NextPartsAsync(cancellation.Token).ConfigureAwait(false);
                foreach (var part in answer.Stream ?? [])
                {
                    yield return JobAnswerReader.Value<TPart>(part.Output, Json);
                }

                if (JobAnswerReader.IsFinal(answer.Status))
                {
                    ended = true;
                    if (JobAnswerReader.StateOf(answer.Status) != JobState.Completed)
                    {
                        // The stream does not carry the error: /status does.
                        JobAnswerReader.Output<JsonElement>(await StatusAnswerAsync(job.Id, poll: false, cancellation.Token).ConfigureAwait(false), this, job.Id);
                    }
                }
            }
        }
        finally
        {
            if (!ended)
            {
                await job.CancelQuietlyAsync().ConfigureAwait(false);
            }
        }
    }
}
