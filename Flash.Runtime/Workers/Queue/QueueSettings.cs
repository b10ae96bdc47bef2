using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Flash.Workers.Queue;

/// <summary>
/// The queue worker's settings: RunPod's variables (platform.md §8) and Flash's tuning knobs. Read from the app's
/// configuration, so environment variables, appsettings.json and the app's own sources all work.
/// </summary>
internal sealed record QueueSettings
{
    public const string GetJobVariable = "RUNPOD_WEBHOOK_GET_JOB";

    public required string GetJobUrl { get; init; }

    public string? PostOutputUrl { get; init; }

    public string? PostStreamUrl { get; init; }

    public string? PingUrl { get; init; }

    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMilliseconds(10_000);

    public string? ApiKey { get; init; }

    public string? PodId { get; init; }

    /// <summary>RUNPOD_POD_ID, or a random id when it is unset.</summary>
    public required string WorkerId { get; init; }

    /// <summary>How long in-flight jobs may still run after SIGTERM before they are cancelled.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How often a result is sent before it is given up (with a loud log line carrying the whole body).</summary>
    public int ResultAttempts { get; init; } = 6;

    /// <summary>The first pause between tries; it doubles each time, up to 8 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a job take (a long poll) may take before it is abandoned and tried again.</summary>
    public TimeSpan TakeTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long one result or stream post may take.</summary>
    public TimeSpan PostTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The least time between two takes that brought no job (or two job-stop polls), so an idle worker never spins.</summary>
    public TimeSpan IdlePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after the job server answers 429.</summary>
    public TimeSpan ThrottleDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether heartbeats are sent: RunPod's worker sends them only with an API key and a pod id.</summary>
    public bool SendsHeartbeats => PingUrl is not null && ApiKey is not null && PodId is not null;

    /// <summary>Reads the settings; null when RUNPOD_WEBHOOK_GET_JOB is not set (not a queue worker).</summary>
    public static QueueSettings? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var getJob = Text(configuration, GetJobVariable);
        if (getJob is null)
        {
            return null;
        }

        var podId = Text(configuration, "RUNPOD_POD_ID");
        var defaults = new QueueSettings { GetJobUrl = getJob, WorkerId = string.Empty };
        return new QueueSettings
        {
            GetJobUrl = getJob,
            PostOutputUrl = Text(configuration, "RUNPOD_WEBHOOK_POST_OUTPUT"),
            PostStreamUrl = Text(configuration, "RUNPOD_WEBHOOK_POST_STREAM"),
            PingUrl = Text(configuration, "RUNPOD_WEBHOOK_PING"),
            PingInterval = Milliseconds(configuration, "RUNPOD_PING_INTERVAL", defaults.PingInterval),
            ApiKey = Text(configuration, "RUNPOD_AI_API_KEY"),
            PodId = podId,
            WorkerId = podId ?? Guid.NewGuid().ToString("N")[..12],
            ShutdownGrace = Milliseconds(configuration, "FLASH_SHUTDOWN_GRACE_MS", defaults.ShutdownGrace),
            ResultAttempts = Math.Max(1, Number(configuration, "FLASH_RESULT_ATTEMPTS") ?? defaults.ResultAttempts),
            RetryDelay = Milliseconds(configuration, "FLASH_RETRY_DELAY_MS", defaults.RetryDelay),
            TakeTimeout = Milliseconds(configuration, "FLASH_TAKE_TIMEOUT_MS", defaults.TakeTimeout),
            PostTimeout = Milliseconds(configuration, "FLASH_POST_TIMEOUT_MS", defaults.PostTimeout),
            IdlePollInterval = Milliseconds(configuration, "FLASH_IDLE_POLL_MS", defaults.IdlePollInterval),
            ThrottleDelay = Milliseconds(configuration, "FLASH_THROTTLE_MS", defaults.ThrottleDelay),
        };
    }

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : null;

    private static int? Number(IConfiguration configuration, string key) =>
        Text(configuration, key) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new FormatException($"{key} is '{text}', which is not a whole number of 0 or more.")
            : null;

    private static TimeSpan Milliseconds(IConfiguration configuration, string key, TimeSpan fallback) =>
        Number(configuration, key) is { } ms ? TimeSpan.FromMilliseconds(ms) : fallback;
}
