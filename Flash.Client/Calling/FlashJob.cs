using System.Diagnostics;

namespace Flash.Client;

/// <summary>
/// A queued job of an endpoint: its status, its typed output, and cancellation. <see cref="WaitAsync"/> polls
/// <c>/status</c> from 0.25 s, each pause 1.5 times the last, up to 5 s; it survives 5 consecutive transport errors
/// and fails on the 6th with the job id and the last status it saw.
/// </summary>
/// <typeparam name="TResult">The output's type.</typeparam>
public sealed class FlashJob<TResult>
{
    /// <summary>How long a cancellation sent because a stream was left early may take.</summary>
    private static readonly TimeSpan QuietCancelTimeout = TimeSpan.FromSeconds(10);

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
    public async Task<JobStatus> StatusAsync(CancellationToken cancellationToken = default) =>
        JobAnswerReader.Status(await Endpoint.StatusAnswerAsync(Id, poll: false, cancellationToken).ConfigureAwait(false), Id);

    /// <summary>Waits for the job to end and returns its output.</summary>
    /// <param name="timeout">The longest to wait; null for <see cref="FlashClientOptions.DefaultWaitTimeout"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the job itself is not cancelled).</param>
    /// <returns>The output.</returns>
    /// <exception cref="JobFailedException">The job failed.</exception>
    /// <exception cref="JobCancelledException">The job was cancelled.</exception>
    /// <exception cref="JobTimedOutException">The job ran past the endpoint's execution timeout.</exception>
    /// <exception cref="JobWaitTimeoutException">The job had not ended within <paramref name="timeout"/>.</exception>
    /// <exception cref="EndpointUnavailableException">Six status requests in a row failed.</exception>
    public async Task<TResult> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = new CancellationTokenSource();
        if ((timeout ?? Endpoint.Client.Options.DefaultWaitTimeout) is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        JobState? last = null;
        try
        {
            var answer = await PollAsync(
                async token =>
                {
                    var status = await Endpoint.StatusAnswerAsync(Id, poll: true, token).ConfigureAwait(false);
                    last = JobAnswerReader.StateOf(status.Status) ?? last;
                    return status;
                },
                status => JobAnswerReader.IsFinal(status.Status),
                () => last,
                waiting.Token).ConfigureAwait(false);
            return JobAnswerReader.Output<TResult>(answer, Endpoint, Id);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw EndpointErrors.WaitTimeout(Endpoint.Address, Id, last ?? JobState.InQueue, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Cancels the job (<c>/cancel</c>).</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The status after the cancellation.</returns>
    public async Task<JobStatus> CancelAsync(CancellationToken cancellationToken = default)
    {
        var answer = await Endpoint.Channel.SendAsync(HttpMethod.Post, "/cancel/" + Uri.EscapeDataString(Id), null, RequestKind.Repeatable, Id, cancellationToken).ConfigureAwait(false);
        return JobAnswerReader.Status(JobAnswerReader.Read(answer, Endpoint.Address), Id);
    }

    /// <inheritdoc />
    public override string ToString() => $"job {Id} of {Endpoint.Address}";

    /// <summary>The stream parts not returned before, polling until there are some or the job has ended.</summary>
    internal Task<StreamAnswer> NextPartsAsync(CancellationToken cancellationToken)
    {
        JobState? last = null;
        return PollAsync(
            async token =>
            {
                var exchanged = await Endpoint.Channel.ExchangeAsync(HttpMethod.Get, "/stream/" + Uri.EscapeDataString(Id), null, RequestKind.Poll, token).ConfigureAwait(false);
                var answer = JobAnswerReader.ReadStream(
                    exchanged.IsSuccess ? exchanged
                    : exchanged.IsTransient ? throw new TransientAnswerException(exchanged)
                    : throw Endpoint.Channel.Failure(exchanged, Id),
                    Endpoint.Address);
                last = JobAnswerReader.StateOf(answer.Status) ?? last;
                return answer;
            },
            answer => answer.Stream is { Count: > 0 } || JobAnswerReader.IsFinal(answer.Status),
            () => last,
            cancellationToken);
    }

    /// <summary>Cancels the job without waiting long or failing: the caller has already stopped caring about it.</summary>
    internal async Task CancelQuietlyAsync()
    {
        using var timeout = new CancellationTokenSource(QuietCancelTimeout);
        try
        {
            await CancelAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FlashClientException or OperationCanceledException or HttpRequestException)
        {
            // Best effort: the job may have ended meanwhile, or the endpoint be out of reach; either way nobody waits for it.
        }
    }

    private async Task<T> PollAsync<T>(Func<CancellationToken, Task<T>> poll, Func<T, bool> done, Func<JobState?> lastStatus, CancellationToken cancellationToken)
    {
        var timing = Endpoint.Client.Timing;
        try
        {
            return await JobPolling.UntilAsync(timing, poll, done, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (JobPolling.IsFault(e, cancellationToken))
        {
            throw EndpointErrors.PollsFailed(Endpoint.Address, Id, lastStatus(), timing.FaultsSurvived + 1, e);
        }
    }
}
