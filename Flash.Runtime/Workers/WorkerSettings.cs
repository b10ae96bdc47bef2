using System.Globalization;
using Flash.Manifest;
using Flash.Workers.Queue;
using Microsoft.Extensions.Configuration;

namespace Flash.Workers;

/// <summary>
/// Every setting the worker reads (RunPod's variables, <c>PORT</c>, <c>PORT_HEALTH</c> and Flash's own), read and
/// validated in this one place before anything starts. A value that is set but not allowed stops the worker with one
/// line naming the variable, the value and what is allowed (<see cref="WorkerSettingsException"/>).
/// </summary>
internal sealed record WorkerSettings
{
    /// <summary>The settings, in the order <c>--help</c> lists them.</summary>
    public static readonly IReadOnlyList<WorkerSetting> All =
    [
        WorkerSetting.Text(WorkerVariables.ResourceName, "the endpoint to serve (RunPod sets it on every worker of a Flash app)"),
        WorkerSetting.Url(QueueSettings.GetJobVariable, "job take URL; its presence makes the worker a queue worker"),
        WorkerSetting.Url("RUNPOD_WEBHOOK_POST_OUTPUT", "result URL"),
        WorkerSetting.Url("RUNPOD_WEBHOOK_POST_STREAM", "stream part URL"),
        WorkerSetting.Url("RUNPOD_WEBHOOK_PING", "heartbeat URL"),
        WorkerSetting.Milliseconds("RUNPOD_PING_INTERVAL", 10_000, minimum: 1, "time between heartbeats"),
        WorkerSetting.Text("RUNPOD_AI_API_KEY", "sent as the Authorization header of every job API request"),
        WorkerSetting.Text("RUNPOD_POD_ID", "the worker id (a random id when unset)"),
        WorkerSetting.Port("PORT", 80, "load-balanced: the port of the routes"),
        WorkerSetting.Port("PORT_HEALTH", null, "load-balanced: the port of /ping (default: PORT)"),
        WorkerSetting.Milliseconds("FLASH_SHUTDOWN_GRACE_MS", 8_000, minimum: 0, "time jobs in progress get after SIGTERM"),
        WorkerSetting.Count("FLASH_RESULT_ATTEMPTS", 6, minimum: 1, maximum: 100, "tries per result and stream part"),
        WorkerSetting.Milliseconds("FLASH_RETRY_DELAY_MS", 500, minimum: 0, "first pause between tries, doubling up to 8 s"),
        WorkerSetting.Milliseconds("FLASH_TAKE_TIMEOUT_MS", 90_000, minimum: 1, "longest a job take or job-stop long poll may take"),
        WorkerSetting.Milliseconds("FLASH_POST_TIMEOUT_MS", 30_000, minimum: 1, "longest one post may take"),
        WorkerSetting.Milliseconds("FLASH_IDLE_POLL_MS", 1_000, minimum: 0, "least time between two takes that brought no job"),
        WorkerSetting.Milliseconds("FLASH_THROTTLE_MS", 5_000, minimum: 0, "pause after a 429 on a take"),
        WorkerSetting.Milliseconds(
            "FLASH_TIMEOUT_GRACE_MS", 10_000, minimum: 0,
            "time a method that ran past the execution timeout gets to return before the worker counts it as stuck"),
    ];

    /// <summary>FLASH_RESOURCE_NAME, or null.</summary>
    public string? ResourceName { get; init; }

    /// <summary>The queue worker's settings; null when RUNPOD_WEBHOOK_GET_JOB is not set (not a queue worker).</summary>
    public QueueSettings? Queue { get; init; }

    /// <summary>The port of a load-balanced worker's routes.</summary>
    public required int Port { get; init; }

    /// <summary>The port of /ping when it is not <see cref="Port"/>; null when /ping is served with the routes.</summary>
    public int? HealthPort { get; init; }

    /// <summary>How long a method that ran past the execution timeout may go on before it counts as stuck.</summary>
    public required TimeSpan TimeoutGrace { get; init; }

    /// <summary>Reads and validates every setting.</summary>
    /// <param name="configuration">Where the values come from (environment variables and <see cref="FlashWorkerOptions.Settings"/>).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="WorkerSettingsException">A value is set but not allowed; the message is the one line to print.</exception>
    public static WorkerSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = All.ToDictionary(s => s.Name, s => s.Read(configuration), StringComparer.Ordinal);
        long? Number(string name) => values[name] as long?;
        TimeSpan Ms(string name) => TimeSpan.FromMilliseconds(Number(name)!.Value);

        var getJob = values[QueueSettings.GetJobVariable] as string;
        var podId = values["RUNPOD_POD_ID"] as string;
        var port = (int)Number("PORT")!.Value;
        var healthPort = Number("PORT_HEALTH") is { } health && health != port ? (int)health : (int?)null;
        return new WorkerSettings
        {
            ResourceName = values[WorkerVariables.ResourceName] as string,
            Port = port,
            HealthPort = healthPort,
            TimeoutGrace = Ms("FLASH_TIMEOUT_GRACE_MS"),
            Queue = getJob is null ? null : new QueueSettings
            {
                GetJobUrl = getJob,
                PostOutputUrl = values["RUNPOD_WEBHOOK_POST_OUTPUT"] as string,
                PostStreamUrl = values["RUNPOD_WEBHOOK_POST_STREAM"] as string,
                PingUrl = values["RUNPOD_WEBHOOK_PING"] as string,
                PingInterval = Ms("RUNPOD_PING_INTERVAL"),
                ApiKey = values["RUNPOD_AI_API_KEY"] as string,
                PodId = podId,
                WorkerId = podId ?? Guid.NewGuid().ToString("N")[..12],
                ShutdownGrace = Ms("FLASH_SHUTDOWN_GRACE_MS"),
                ResultAttempts = (int)Number("FLASH_RESULT_ATTEMPTS")!.Value,
                RetryDelay = Ms("FLASH_RETRY_DELAY_MS"),
                TakeTimeout = Ms("FLASH_TAKE_TIMEOUT_MS"),
                PostTimeout = Ms("FLASH_POST_TIMEOUT_MS"),
                IdlePollInterval = Ms("FLASH_IDLE_POLL_MS"),
                ThrottleDelay = Ms("FLASH_THROTTLE_MS"),
                TimeoutGrace = Ms("FLASH_TIMEOUT_GRACE_MS"),
            },
        };
    }
}

/// <summary>A setting that is set but not allowed; the message names the variable, the value and what is allowed.</summary>
internal sealed class WorkerSettingsException(string message) : Exception(message);

/// <summary>One setting: its variable, what it holds, its default and the values it allows.</summary>
internal sealed class WorkerSetting
{
    private readonly Func<string, object?> _parse;

    private WorkerSetting(string name, string meaning, string? defaultText, string? allowed, Func<string, object?> parse)
    {
        Name = name;
        Meaning = meaning;
        DefaultText = defaultText;
        Allowed = allowed;
        _parse = parse;
    }

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <summary>What it sets.</summary>
    public string Meaning { get; }

    /// <summary>The default as shown by --help, or null.</summary>
    public string? DefaultText { get; }

    /// <summary>What a value must be, as the error says it ("a port number from 1 to 65535"); null for any text.</summary>
    public string? Allowed { get; }

    /// <summary>The value when unset (a number for numeric settings, null otherwise).</summary>
    private object? Default { get; init; }

    public static WorkerSetting Text(string name, string meaning) => new(name, meaning, null, null, text => text);

    public static WorkerSetting Url(string name, string meaning) =>
        new(name, meaning, null, "an http:// or https:// URL", text =>
        {
            // RunPod's templates carry $ID and $RUNPOD_POD_ID, filled in per request.
            var filled = text.Replace("$RUNPOD_POD_ID", "pod", StringComparison.Ordinal).Replace("$ID", "id", StringComparison.Ordinal);
            return Uri.TryCreate(filled, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
                ? text
                : null;
        });

    public static WorkerSetting Milliseconds(string name, long fallback, long minimum, string meaning) =>
        Whole(name, meaning, fallback, minimum, int.MaxValue, "a whole number of milliseconds", " ms");

    public static WorkerSetting Count(string name, long fallback, long minimum, long maximum, string meaning) =>
        Whole(name, meaning, fallback, minimum, maximum, "a whole number", string.Empty);

    public static WorkerSetting Port(string name, long? fallback, string meaning) =>
        new(name, meaning, fallback?.ToString(CultureInfo.InvariantCulture), "a port number from 1 to 65535", text => Parse(text, 1, 65535))
        {
            Default = fallback,
        };

    /// <summary>The value: the parsed setting, <see cref="Default"/> when unset.</summary>
    /// <exception cref="WorkerSettingsException">The value is not allowed.</exception>
    public object? Read(IConfiguration configuration)
    {
        if (configuration[Name] is not { Length: > 0 } text)
        {
            return Default;
        }

        return _parse(text) ?? throw new WorkerSettingsException($"{Name} is '{Shorten(text)}', which is not {Allowed}.");
    }

    private static WorkerSetting Whole(string name, string meaning, long fallback, long minimum, long maximum, string what, string unit) =>
        new(
            name,
            meaning,
            fallback.ToString(CultureInfo.InvariantCulture) + unit,
            string.Create(CultureInfo.InvariantCulture, $"{what} from {minimum} to {maximum}"),
            text => Parse(text, minimum, maximum))
        {
            Default = fallback,
        };

    private static object? Parse(string text, long minimum, long maximum) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum ? value : null;

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
