namespace Flash.Client;

/// <summary>
/// The pauses of a client: between polls of a job (from <see cref="FirstPoll"/>, each <see cref="PollGrowth"/> times the
/// last, at most <see cref="LongestPoll"/>), how many failed polls in a row a wait survives, and the first pause before
/// the handler repeats a request. Tests shorten them.
/// </summary>
internal sealed record FlashTiming(TimeSpan FirstPoll, double PollGrowth, TimeSpan LongestPoll, int FaultsSurvived, TimeSpan FirstRetry)
{
    /// <summary>0.25 s × 1.5 per poll up to 5 s; 5 failed polls in a row survived; retries from 0.5 s.</summary>
    public static FlashTiming Default { get; } = new(TimeSpan.FromSeconds(0.25), 1.5, TimeSpan.FromSeconds(5), 5, TimeSpan.FromSeconds(0.5));

    /// <summary>The pause before poll number <paramref name="attempt"/> + 1.</summary>
    public TimeSpan PollDelay(int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(LongestPoll.Ticks, FirstPoll.Ticks * Math.Pow(PollGrowth, attempt)));
}
