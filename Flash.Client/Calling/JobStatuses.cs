namespace Flash.Client;

/// <summary>RunPod's job statuses, as its public API spells them: the clients read them, the local servers write them.</summary>
internal static class JobStatuses
{
    public const string InQueue = "IN_QUEUE";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string TimedOut = "TIMED_OUT";
}
