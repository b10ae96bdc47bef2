namespace Flash.Client;

/// <summary>What the job states mean.</summary>
internal static class JobStates
{
    /// <summary>Whether a job in <paramref name="state"/> has ended: completed, failed, cancelled or timed out.</summary>
    public static bool IsFinal(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Cancelled or JobState.TimedOut;
}
