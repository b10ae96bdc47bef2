namespace Flash.Manifest;

/// <summary>How jobs reach an endpoint's code.</summary>
public enum EndpointKind
{
    /// <summary>Queue-based: one method per endpoint.</summary>
    QueueFunction = 1,

    /// <summary>Queue-based: a class whose public methods are chosen by the job's <c>"method"</c>.</summary>
    QueueClass,

    /// <summary>Load-balanced: a class whose methods serve HTTP routes.</summary>
    LoadBalanced,
}

/// <summary>
/// One endpoint of the app with every deployment value final (defaults applied, API ids computed). The generated
/// <c>FlashManifest.Endpoints</c> class holds one per declared endpoint; the manifest JSON holds the same values.
/// </summary>
public sealed class EndpointDefinition
{
    /// <summary>The endpoint name, the manifest key.</summary>
    public required string Name { get; init; }

    /// <summary>Queue-based function, queue-based class or load-balanced.</summary>
    public required EndpointKind Kind { get; init; }

    /// <summary>The API endpoint type: <c>QB</c> or <c>LB</c>.</summary>
    public string EndpointType => Kind == EndpointKind.LoadBalanced ? "LB" : "QB";

    /// <summary>True for a CPU endpoint (instance types), false for a GPU endpoint.</summary>
    public required bool IsCpu { get; init; }

    /// <summary>The <c>gpuIds</c> string sent to the API (GPU endpoints), else null.</summary>
    public string? GpuIds { get; init; }

    /// <summary>GPUs per worker (GPU endpoints), else null.</summary>
    public int? GpuCount { get; init; }

    /// <summary>The lowest CUDA version, e.g. <c>12.8</c> (GPU endpoints), else null.</summary>
    public string? MinCudaVersion { get; init; }

    /// <summary>The comma-joined CPU instance ids (CPU endpoints), else null.</summary>
    public string? InstanceIds { get; init; }

    /// <summary>The fewest workers.</summary>
    public required int WorkersMin { get; init; }

    /// <summary>The most workers.</summary>
    public required int WorkersMax { get; init; }

    /// <summary>Seconds an idle worker is kept.</summary>
    public required int IdleTimeoutSeconds { get; init; }

    /// <summary>The longest a job may run in milliseconds; 0 = no limit.</summary>
    public required int ExecutionTimeoutMs { get; init; }

    /// <summary>FlashBoot on or off.</summary>
    public required bool FlashBoot { get; init; }

    /// <summary>The scaler API id: <c>QUEUE_DELAY</c> or <c>REQUEST_COUNT</c>.</summary>
    public required string ScalerType { get; init; }

    /// <summary>The scaler threshold.</summary>
    public required int ScalerValue { get; init; }

    /// <summary>The comma-joined datacenter ids the workers may run in.</summary>
    public required string Locations { get; init; }

    /// <summary>Jobs per worker at once (queue-based endpoints), else null.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Environment variables of the workers, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>The custom container image, or null.</summary>
    public string? Image { get; init; }

    /// <summary>Container disk in GB (CPU endpoints left at the default get their instance limit).</summary>
    public required int ContainerDiskInGb { get; init; }

    /// <summary>Docker arguments of the pod template, or null.</summary>
    public string? DockerArgs { get; init; }

    /// <summary>The start script of the pod template, or null.</summary>
    public string? StartScript { get; init; }

    /// <summary>The registry credentials id for a private image, or null.</summary>
    public string? ContainerRegistryAuthId { get; init; }

    /// <summary>The network volumes attached to the workers.</summary>
    public IReadOnlyList<NetworkVolumeDefinition> Volumes { get; init; } = [];
}

/// <summary>A network volume of the app.</summary>
public sealed class NetworkVolumeDefinition
{
    /// <summary>The volume name, or null for a volume given by id.</summary>
    public string? Name { get; init; }

    /// <summary>The id of an existing volume, or null.</summary>
    public string? Id { get; init; }

    /// <summary>Size in GB.</summary>
    public required int SizeGb { get; init; }

    /// <summary>The datacenter id, e.g. <c>EU-RO-1</c>; null when only the platform knows it (a volume by id).</summary>
    public string? DataCenterId { get; init; }
}
