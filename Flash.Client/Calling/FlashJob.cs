namespace Flash.Client;

/// <summary>
/// A queued job of an endpoint: its status, its typed output, and cancellation. <see cref="WaitAsync"/> polls
/// <c>/status</c> from 0.25 s, each pause 1.5 times the last, up to 5 s; it survives 5 consecutive transport errors
/// and fails on the 6th with the job id and the last status it saw.
/// </summary>
/// <typeparam name="TResult">The output's type.</typeparam>
public sealed class FlashJob<TResult>
{
    internal FlashJob(FlashEndpoint endpoint, string id)
    {
        Endpoint = endpoint;
        Id = id;
    }

    /// <summary>The job id.</summary>
    public string Id { get; }

    /// <summary>The endpoint the job runs on.</summary>
    public FlashEndpoint Endpoint { get; }

    /// <summary>The job's status now (<c>/status</c>).</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The status.</returns>
    public Task<JobStatus> StatusAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Waits for the job to end and returns its output.</summary>
    /// <param name="timeout">The longest to wait; null for <see cref="FlashClientOptions.DefaultWaitTimeout"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the job itself is not cancelled).</param>
    /// <returns>The output.</returns>
    /// <exception cref="JobFailedException">The job failed.</exception>
    /// <exception cref="JobCancelledException">The job was cancelled.</exception>
    /// <exception cref="JobTimedOutException">The job ran past the endpoint's execution timeout.</exception>
    /// <exception cref="JobWaitTimeoutException">The job had not ended within <paramref name="timeout"/>.</exception>
    /// <exception cref="EndpointUnavailableException">Six status requests in a row failed.</exception>
    public Task<TResult> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Cancels the job (<c>/cancel</c>).</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The status after the cancellation.</returns>
    public Task<JobStatus> CancelAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public override string ToString() => $"job {Id} of {Endpoint.Address}";
}
