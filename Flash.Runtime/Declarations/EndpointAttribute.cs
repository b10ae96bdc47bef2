using System;

namespace Flash;

/// <summary>
/// Declares a RunPod Serverless endpoint. On a method: a queue-based endpoint that runs that method per job.
/// On a class: a queue-based endpoint whose public methods are selected by the job's <c>"method"</c>, or, when
/// its methods carry <see cref="GetAttribute"/>, <see cref="PostAttribute"/> and the other route attributes,
/// a load-balanced endpoint serving those HTTP routes.
/// </summary>
/// <remarks>
/// Every property left unset takes the platform default. A property that is set is validated as written, even
/// when it equals the default. Singular and plural properties (<see cref="Gpu"/>/<see cref="Gpus"/>,
/// <see cref="Cpu"/>/<see cref="Cpus"/>, <see cref="DataCenter"/>/<see cref="DataCenters"/>,
/// <see cref="Volume"/>/<see cref="Volumes"/>) are alternatives: set one of each pair.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EndpointAttribute : Attribute
{
    /// <summary>Declares an endpoint named after the method (method endpoints) or the class (class endpoints).</summary>
    public EndpointAttribute()
    {
    }

    /// <summary>Declares an endpoint with the given name: the manifest key, unique in the app.</summary>
    /// <param name="name">The endpoint name.</param>
    public EndpointAttribute(string name) => Name = name;

    /// <summary>The endpoint name; when not given, the method or class name as written.</summary>
    public string? Name { get; }

    /// <summary>One GPU type (rents only that type from its pool). Combines with <see cref="GpuGroup"/>/<see cref="GpuGroups"/>.</summary>
    public GpuType Gpu { get; set; }

    /// <summary>Several GPU types. Combines with <see cref="GpuGroup"/>/<see cref="GpuGroups"/>.</summary>
    public GpuType[]? Gpus { get; set; }

    /// <summary>One GPU pool; <see cref="Flash.GpuGroup.Any"/> for any GPU (the default of a GPU endpoint).</summary>
    public GpuGroup GpuGroup { get; set; }

    /// <summary>Several GPU pools.</summary>
    public GpuGroup[]? GpuGroups { get; set; }

    /// <summary>One CPU instance type; makes a CPU endpoint.</summary>
    public CpuInstanceType Cpu { get; set; }

    /// <summary>Several CPU instance types; makes a CPU endpoint.</summary>
    public CpuInstanceType[]? Cpus { get; set; }

    /// <summary>The fewest workers kept running (default 0).</summary>
    public int WorkersMin { get; set; }

    /// <summary>The most workers the endpoint scales to (default 1).</summary>
    public int WorkersMax { get; set; }

    /// <summary>Seconds a worker stays idle before it is scaled down, 1..3600 (default 60).</summary>
    public int IdleTimeoutSeconds { get; set; }

    /// <summary>The longest a job may run, in milliseconds; 0 means no limit (the default).</summary>
    public int ExecutionTimeoutMs { get; set; }

    /// <summary>GPUs per worker, GPU endpoints only (default 1).</summary>
    public int GpuCount { get; set; }

    /// <summary>FlashBoot fast cold starts (default true).</summary>
    public bool FlashBoot { get; set; }

    /// <summary>The autoscaling signal (default QueueDelay for queue-based, RequestCount for load-balanced endpoints).</summary>
    public ScalerType ScalerType { get; set; }

    /// <summary>The autoscaling threshold (default 4).</summary>
    public int ScalerValue { get; set; }

    /// <summary>The lowest CUDA version the workers need, GPU endpoints only (default 12.8).</summary>
    public CudaVersion MinCudaVersion { get; set; }

    /// <summary>Jobs one worker runs at once, queue-based endpoints only, at least 1 (default 1).</summary>
    public int MaxConcurrency { get; set; }

    /// <summary>Environment variables of the workers, each written <c>"NAME=value"</c>.</summary>
    public string[]? Env { get; set; }

    /// <summary>A custom container image to run the worker from.</summary>
    public string? Image { get; set; }

    /// <summary>Container disk in GB (default 64; a CPU endpoint left at the default gets its instance limit).</summary>
    public int ContainerDiskInGb { get; set; }

    /// <summary>Extra arguments for the container runtime (pod template).</summary>
    public string? DockerArgs { get; set; }

    /// <summary>A start script run in the container (pod template).</summary>
    public string? StartScript { get; set; }

    /// <summary>The id of the registry credentials RunPod uses to pull a private image (pod template).</summary>
    public string? ContainerRegistryAuthId { get; set; }

    /// <summary>One network volume, by the name or id of a <see cref="NetworkVolumeAttribute"/> declared in the assembly.</summary>
    public string? Volume { get; set; }

    /// <summary>Several network volumes, by name or id; at most one per datacenter.</summary>
    public string[]? Volumes { get; set; }

    /// <summary>The one datacenter the workers run in.</summary>
    public DataCenter DataCenter { get; set; }

    /// <summary>The datacenters the workers may run in (GPU default: every datacenter with network storage).</summary>
    public DataCenter[]? DataCenters { get; set; }
}
