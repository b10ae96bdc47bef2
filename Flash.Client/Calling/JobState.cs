namespace Flash.Client;

/// <summary>Where a job is, as RunPod's <c>/status</c> reports it.</summary>
public enum JobState
{
    /// <summary><c>IN_QUEUE</c>: waiting for a worker.</summary>
    InQueue = 1,

    /// <summary><c>IN_PROGRESS</c>: a worker runs it.</summary>
    InProgress,

    /// <summary><c>COMPLETED</c>: the output is ready.</summary>
    Completed,

    /// <summary><c>FAILED</c>: the method threw or the input was rejected.</summary>
    Failed,

    /// <summary><c>CANCELLED</c>: cancelled before it finished.</summary>
    Cancelled,

    /// <summary><c>TIMED_OUT</c>: ran longer than the endpoint's execution timeout.</summary>
    TimedOut,
}
