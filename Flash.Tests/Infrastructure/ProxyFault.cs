namespace Flash.Tests.Infrastructure;

/// <summary>What <see cref="FaultProxy"/> does to one request instead of passing it through untouched.</summary>
/// <param name="Status">An answer of its own with this status (the request is not forwarded); 0 for none.</param>
/// <param name="ResetBeforeForwarding">Drops the connection after reading the request; nothing is forwarded.</param>
/// <param name="ResetAfterForwarding">Forwards the request, then drops the connection instead of answering.</param>
/// <param name="AnswerDelay">Forwards the request, then waits this long before answering.</param>
internal sealed record ProxyFault(int Status = 0, bool ResetBeforeForwarding = false, bool ResetAfterForwarding = false, TimeSpan AnswerDelay = default)
{
    /// <summary>Passes the request through untouched (a scripted pause between faults).</summary>
    public static ProxyFault Pass { get; } = new();

    /// <summary>Answers <paramref name="status"/> itself, with an error body as RunPod's gateway gives.</summary>
    public static ProxyFault Answer(int status) => new(Status: status);

    public static ProxyFault ResetBefore { get; } = new(ResetBeforeForwarding: true);

    public static ProxyFault ResetAfter { get; } = new(ResetAfterForwarding: true);

    public static ProxyFault SlowAnswer(TimeSpan delay) => new(AnswerDelay: delay);
}
