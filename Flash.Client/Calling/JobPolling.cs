using Polly;
using Polly.Retry;

namespace Flash.Client;

/// <summary>
/// Polls until an answer says the wait is over, on the schedule of <see cref="FlashTiming"/>: a Polly retry that repeats
/// while the answer is not final, and on a fault (a transport error, a timeout, a 5xx or 429 answer) until
/// <see cref="FlashTiming.FaultsSurvived"/> faults in a row; the next fault is thrown.
/// </summary>
internal static class JobPolling
{
    /// <summary>Polls <paramref name="poll"/> until <paramref name="done"/> holds for its answer.</summary>
    public static async Task<T> UntilAsync<T>(FlashTiming timing, Func<CancellationToken, Task<T>> poll, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var faultsInARow = 0;
        // The untyped pipeline: the typed one asks for all of T's members to be kept, which trimming cannot promise.
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(timing.PollDelay(args.AttemptNumber)),
                ShouldHandle = args =>
                {
                    if (args.Outcome.Exception is { } exception)
                    {
                        return ValueTask.FromResult(IsFault(exception, cancellationToken) && ++faultsInARow <= timing.FaultsSurvived);
                    }

                    faultsInARow = 0;
                    return ValueTask.FromResult(!done((T)args.Outcome.Result!));
                },
            })
            .Build();
        var answer = await pipeline.ExecuteAsync(async token => await poll(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        // Polly hands back the answer it has, final or not, when the token is cancelled between a poll and the next
        // delay: that is a cancellation too, not an answer.
        if (!done(answer))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return answer;
    }

    /// <summary>Whether <paramref name="exception"/> is a fault a poll may meet and survive (not a cancellation by the caller).</summary>
    public static bool IsFault(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        TransientAnswerException or HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}

/// <summary>An answer that says "try again later" (5xx, 429): a fault of one poll.</summary>
internal sealed class TransientAnswerException(EndpointAnswer answer)
    : Exception($"HTTP {answer.StatusCode} {answer.Reason}: {answer.ErrorText}")
{
    public EndpointAnswer Answer { get; } = answer;
}
