namespace Flash.FakeRunPod.Jobs;

/// <summary>What the fake does with the next request of a route instead of answering normally.</summary>
public abstract record Fault
{
    /// <summary>Answers with this HTTP status and no body.</summary>
    public static Fault Status(int code) => new StatusFault(code);

    /// <summary>200 with a body that is not what the worker expects.</summary>
    public static Fault Garbage(string body) => new GarbageFault(body);

    /// <summary>Never answers (until the worker gives up or the fake stops).</summary>
    public static readonly Fault Hang = new HangFault();

    /// <summary>Closes the connection without an answer.</summary>
    public static readonly Fault Drop = new DropFault();

    internal sealed record StatusFault(int Code) : Fault;

    internal sealed record GarbageFault(string Body) : Fault;

    internal sealed record HangFault : Fault;

    internal sealed record DropFault : Fault;
}
