using System;
using System.Collections.Generic;
using Flash.Platform;

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
/// One endpoint of the app with every deployment value final (defaults applied). The generated
/// <c>FlashManifest.Endpoints</c> class holds one per declared endpoint, and <c>flash_manifest.json</c> holds the same
/// values under the same names: both are written, and the deploy tool reads the file, from the table of fields below.
/// Two definitions are equal when every value is, lists compared element by element.
/// </summary>
public sealed record EndpointDefinition
{
    /// <summary>The endpoint name, the manifest key.</summary>
    public string Name { get; init; } = "";

    /// <summary>Queue-based function, queue-based class or load-balanced.</summary>
    public EndpointKind Kind { get; init; }

    /// <summary>The methods jobs or routes reach, in declaration order.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; init; } = [];

    /// <summary>The container image the workers run, or null for the app's own image.</summary>
    public string? Image { get; init; }

    /// <summary>The GPU pools the workers may rent (GPU endpoints; <see cref="GpuGroup.Any"/> for any GPU).</summary>
    public IReadOnlyList<GpuGroup> GpuGroups { get; init; } = [];

    /// <summary>The GPU types the workers may rent, beside <see cref="GpuGroups"/> (GPU endpoints).</summary>
    public IReadOnlyList<GpuType> GpuTypes { get; init; } = [];

    /// <summary>GPUs per worker (GPU endpoints), else null.</summary>
    public int? GpuCount { get; init; }

    /// <summary>The lowest CUDA version the workers need (GPU endpoints), else null.</summary>
    public CudaVersion? MinCudaVersion { get; init; }

    /// <summary>The CPU instance types (CPU endpoints); empty for a GPU endpoint.</summary>
    public IReadOnlyList<CpuInstanceType> InstanceTypes { get; init; } = [];

    /// <summary>The fewest workers.</summary>
    public int WorkersMin { get; init; }

    /// <summary>The most workers.</summary>
    public int WorkersMax { get; init; }

    /// <summary>Seconds an idle worker is kept.</summary>
    public int IdleTimeoutSeconds { get; init; }

    /// <summary>The autoscaling signal.</summary>
    public ScalerType ScalerType { get; init; }

    /// <summary>The scaler threshold.</summary>
    public int ScalerValue { get; init; }

    /// <summary>The longest a job may run in milliseconds; 0 = no limit.</summary>
    public int ExecutionTimeoutMs { get; init; }

    /// <summary>FlashBoot (fast cold start) on or off.</summary>
    public bool FlashBoot { get; init; }

    /// <summary>The datacenters the workers may run in.</summary>
    public IReadOnlyList<DataCenter> Locations { get; init; } = [];

    /// <summary>Environment variables of the workers, in declaration order, each name once.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>The network volumes attached to the workers.</summary>
    public IReadOnlyList<NetworkVolumeDefinition> Volumes { get; init; } = [];

    /// <summary>Container disk in GB (CPU endpoints left at the default get their instance limit).</summary>
    public int ContainerDiskInGb { get; init; }

    /// <summary>Docker arguments of the pod template; empty when none.</summary>
    public string DockerArgs { get; init; } = "";

    /// <summary>The start script of the pod template; empty when none.</summary>
    public string StartScript { get; init; } = "";

    /// <summary>The registry credentials id for a private image, or null.</summary>
    public string? ContainerRegistryAuthId { get; init; }

    /// <summary>Jobs per worker at once (queue-based endpoints), else null.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>True for a CPU endpoint (it has instance types), false for a GPU endpoint.</summary>
    public bool IsCpu => InstanceTypes.Count > 0;

    /// <summary>True for a load-balanced endpoint.</summary>
    public bool IsLoadBalanced => Kind == EndpointKind.LoadBalanced;

    /// <summary>
    /// Every value of an endpoint, in manifest order, with its JSON key, the property that holds it and the endpoints
    /// it applies to. The manifest writer, the typed-manifest emitter, the deploy tool's reader and the JSON Schema all
    /// follow this table; a new setting is one property above and one row here.
    /// </summary>
    internal static IReadOnlyList<ManifestField> Fields { get; } =
    [
        ManifestField.Enum("kind", nameof(Kind), "QueueFunction ([Endpoint] on a method), QueueClass ([Endpoint] on a class without routes: jobs pick a method with \"method\") or LoadBalanced (a class whose methods carry route attributes).",
            Codes.EndpointKinds, FieldScope.All, d => d.Kind, (d, v) => d with { Kind = v }),
        ManifestField.Functions("functions", nameof(Functions), "The methods jobs or routes reach, in declaration order; load-balanced endpoints give each its HTTP method and path.",
            d => d.Functions, (d, v) => d with { Functions = v }),
        ManifestField.Text("imageName", nameof(Image), "A custom container image for the workers (Image); null for the app's own image.",
            FieldScope.All, d => d.Image, (d, v) => d with { Image = v }, nullable: true),
        ManifestField.EnumList("gpuGroups", nameof(GpuGroups), "GPU endpoints only. The GPU pools (GpuGroup/GpuGroups; any when neither GPUs nor groups are written).",
            Codes.GpuGroups, FieldScope.Gpu, d => d.GpuGroups, (d, v) => d with { GpuGroups = v }),
        ManifestField.EnumList("gpuTypes", nameof(GpuTypes), "GPU endpoints only. The GPU types (Gpu/Gpus), rented from their pools alongside gpuGroups.",
            Codes.GpuTypes, FieldScope.Gpu, d => d.GpuTypes, (d, v) => d with { GpuTypes = v }),
        ManifestField.Int("gpuCount", nameof(GpuCount), "GPU endpoints only. GPUs per worker (GpuCount; default 1).",
            FieldScope.Gpu, d => d.GpuCount, (d, v) => d with { GpuCount = v }),
        ManifestField.Enum("minCudaVersion", nameof(MinCudaVersion), "GPU endpoints only. The lowest CUDA version the workers need (MinCudaVersion; default 12.8).",
            Codes.CudaVersions, FieldScope.Gpu, d => d.MinCudaVersion, (d, v) => d with { MinCudaVersion = v }),
        ManifestField.EnumList("instanceIds", nameof(InstanceTypes), "CPU endpoints only, and what makes an endpoint a CPU endpoint. The CPU instance types (Cpu/Cpus), each once, in declaration order.",
            Codes.CpuInstanceTypes, FieldScope.Cpu, d => d.InstanceTypes, (d, v) => d with { InstanceTypes = v }),
        ManifestField.Int("workersMin", nameof(WorkersMin), "The fewest workers kept running (WorkersMin; default 0).",
            FieldScope.All, d => d.WorkersMin, (d, v) => d with { WorkersMin = v }),
        ManifestField.Int("workersMax", nameof(WorkersMax), "The most workers the endpoint scales to (WorkersMax; default 1).",
            FieldScope.All, d => d.WorkersMax, (d, v) => d with { WorkersMax = v }),
        ManifestField.Int("idleTimeout", nameof(IdleTimeoutSeconds), "Seconds a worker stays idle before it is scaled down (IdleTimeoutSeconds; default 60).",
            FieldScope.All, d => d.IdleTimeoutSeconds, (d, v) => d with { IdleTimeoutSeconds = v }),
        ManifestField.Enum("scalerType", nameof(ScalerType), "The autoscaling signal (ScalerType; default QUEUE_DELAY for queue-based endpoints, REQUEST_COUNT for load-balanced ones).",
            Codes.ScalerTypes, FieldScope.All, d => d.ScalerType, (d, v) => d with { ScalerType = v }),
        ManifestField.Int("scalerValue", nameof(ScalerValue), "The autoscaling threshold (ScalerValue; default 4).",
            FieldScope.All, d => d.ScalerValue, (d, v) => d with { ScalerValue = v }),
        ManifestField.Int("executionTimeoutMs", nameof(ExecutionTimeoutMs), "The longest a job may run, in milliseconds; 0 means no limit (ExecutionTimeoutMs; default 0).",
            FieldScope.All, d => d.ExecutionTimeoutMs, (d, v) => d with { ExecutionTimeoutMs = v }),
        ManifestField.Bool("flashboot", nameof(FlashBoot), "FlashBoot fast cold starts (FlashBoot; default true).",
            d => d.FlashBoot, (d, v) => d with { FlashBoot = v }),
        ManifestField.EnumList("locations", nameof(Locations), "The datacenters the workers may run in (DataCenter/DataCenters), each once. Default: Flash's network-storage list for GPU endpoints, EU-RO-1 for CPU endpoints.",
            Codes.DataCenters, FieldScope.All, d => d.Locations, (d, v) => d with { Locations = v }),
        ManifestField.Env("env", nameof(Env), "Environment variables of the workers, from Env entries 'NAME=value'; a repeated name keeps its first position and its last value.",
            d => d.Env, (d, v) => d with { Env = v }),
        ManifestField.Volumes("networkVolumes", nameof(Volumes), "The network volumes attached to the endpoint (Volume/Volumes), each once, in the order written.",
            d => d.Volumes, (d, v) => d with { Volumes = v }),
        ManifestField.Int("containerDiskInGb", nameof(ContainerDiskInGb), "Container disk in GB (ContainerDiskInGb). Default: 64 for GPU endpoints; for CPU endpoints the limit of their instance types.",
            FieldScope.All, d => d.ContainerDiskInGb, (d, v) => d with { ContainerDiskInGb = v }, ManifestFormat.Template),
        ManifestField.Text("dockerArgs", nameof(DockerArgs), "Extra arguments for the container runtime (DockerArgs); empty when not written.",
            FieldScope.All, d => d.DockerArgs, (d, v) => d with { DockerArgs = v ?? "" }, parent: ManifestFormat.Template),
        ManifestField.Text("startScript", nameof(StartScript), "A start script run in the container (StartScript); empty when not written.",
            FieldScope.All, d => d.StartScript, (d, v) => d with { StartScript = v ?? "" }, parent: ManifestFormat.Template),
        ManifestField.Text("containerRegistryAuthId", nameof(ContainerRegistryAuthId), "The registry credentials id for pulling a private image (ContainerRegistryAuthId); null when not written.",
            FieldScope.All, d => d.ContainerRegistryAuthId, (d, v) => d with { ContainerRegistryAuthId = v }, nullable: true, parent: ManifestFormat.Template),
        ManifestField.Int("max_concurrency", nameof(MaxConcurrency), "Queue-based endpoints only: jobs one worker runs at once (MaxConcurrency; default 1).",
            FieldScope.Queue, d => d.MaxConcurrency, (d, v) => d with { MaxConcurrency = v }),
    ];

    /// <summary>The row of <see cref="Fields"/> that holds <paramref name="property"/>.</summary>
    internal static ManifestField FieldOf(string property)
    {
        foreach (var field in Fields)
        {
            if (field.Property == property)
            {
                return field;
            }
        }

        throw new ArgumentException($"{property} is not a field of the manifest contract", nameof(property));
    }

    /// <inheritdoc />
    public bool Equals(EndpointDefinition? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!string.Equals(Name, other.Name, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var field in Fields)
        {
            if (!field.ValueEquals(this, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = StringComparer.Ordinal.GetHashCode(Name);
        foreach (var field in Fields)
        {
            hash = unchecked((hash * 31) + field.ValueHashCode(this));
        }

        return hash;
    }
}

/// <summary>A method of an endpoint that jobs or routes reach.</summary>
public sealed record FunctionDefinition
{
    /// <summary>The method name (the <c>"method"</c> of a queue-based class endpoint's jobs).</summary>
    public string Name { get; init; } = "";

    /// <summary>The HTTP method of a load-balanced route (<c>GET</c>, <c>POST</c>…), else null.</summary>
    public string? HttpMethod { get; init; }

    /// <summary>The path of a load-balanced route, else null.</summary>
    public string? HttpPath { get; init; }
}

/// <summary>A network volume of the app.</summary>
public sealed record NetworkVolumeDefinition
{
    /// <summary>The volume name, or null for a volume given by id.</summary>
    public string? Name { get; init; }

    /// <summary>The id of an existing volume, or null.</summary>
    public string? Id { get; init; }

    /// <summary>Size in GB.</summary>
    public int SizeGb { get; init; }

    /// <summary>The datacenter; null when only the platform knows it (a volume given by id).</summary>
    public DataCenter? DataCenter { get; init; }

    /// <summary>How endpoints and people name it: its name, else its id.</summary>
    public string Label => Name ?? Id ?? "";
}
