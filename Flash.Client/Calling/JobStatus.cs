namespace Flash.Client;

/// <summary>A job's status as one <c>/status</c> answer reported it.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="State">Where the job is.</param>
/// <param name="DelayTime">Milliseconds the job waited in the queue, when reported.</param>
/// <param name="ExecutionTime">Milliseconds the job ran, when reported.</param>
public sealed record JobStatus(string JobId, JobState State, long? DelayTime, long? ExecutionTime)
{
    /// <summary>Whether the job has ended (completed, failed, cancelled or timed out).</summary>
    public bool IsFinal => JobStates.IsFinal(State);
}
