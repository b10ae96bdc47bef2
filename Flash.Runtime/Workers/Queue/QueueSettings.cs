using Microsoft.Extensions.Configuration;

namespace Flash.Workers.Queue;

/// <summary>
/// The queue worker's settings: RunPod's variables (the worker protocol) and Flash's tuning knobs, as
/// <see cref="WorkerSettings"/> read and validated them (their defaults live there).
/// </summary>
internal sealed record QueueSettings
{
    public const string GetJobVariable = "RUNPOD_WEBHOOK_GET_JOB";

    public required string GetJobUrl { get; init; }

    public string? PostOutputUrl { get; init; }

    public string? PostStreamUrl { get; init; }

    public string? PingUrl { get; init; }

    public required TimeSpan PingInterval { get; init; }

    public string? ApiKey { get; init; }

    public string? PodId { get; init; }

    /// <summary>RUNPOD_POD_ID, or a random id when it is unset.</summary>
    public required string WorkerId { get; init; }

    /// <summary>How long in-flight jobs may still run after SIGTERM before they are cancelled.</summary>
    public required TimeSpan ShutdownGrace { get; init; }

    /// <summary>How often a result is sent before it is given up (with a loud log line carrying the whole body).</summary>
    public required int ResultAttempts { get; init; }

    /// <summary>The first pause between tries; it doubles each time, up to 8 s.</summary>
    public required TimeSpan RetryDelay { get; init; }

    /// <summary>How long a job take (a long poll) may take before it is abandoned and tried again.</summary>
    public required TimeSpan TakeTimeout { get; init; }

    /// <summary>How long one result or stream post may take.</summary>
    public required TimeSpan PostTimeout { get; init; }

    /// <summary>The least time between two takes that brought no job (or two job-stop polls), so an idle worker never spins.</summary>
    public required TimeSpan IdlePollInterval { get; init; }

    /// <summary>The pause after the job server answers 429.</summary>
    public required TimeSpan ThrottleDelay { get; init; }

    /// <summary>How long a method that ran past the execution timeout may go on before the worker stops and exits.</summary>
    public required TimeSpan TimeoutGrace { get; init; }

    /// <summary>Whether heartbeats are sent: RunPod's worker sends them only with an API key and a pod id.</summary>
    public bool SendsHeartbeats => PingUrl is not null && ApiKey is not null && PodId is not null;

    /// <summary>Reads the settings; null when RUNPOD_WEBHOOK_GET_JOB is not set (not a queue worker).</summary>
    /// <exception cref="WorkerSettingsException">A value is not allowed.</exception>
    public static QueueSettings? FromConfiguration(IConfiguration configuration) => WorkerSettings.Read(configuration).Queue;
}
