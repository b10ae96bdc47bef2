namespace Flash.Platform;

/// <summary>
/// The values RunPod Serverless (and the Python Flash SDK) use when an endpoint or volume argument is not written,
/// and the ranges the platform accepts. One definition shared by the runtime, the generator and the analyzers.
/// </summary>
internal static class PlatformDefaults
{
    /// <summary>Default minimum number of workers: 0 (scale to zero).</summary>
    public const int WorkersMin = 0;

    /// <summary>Default maximum number of workers: 1.</summary>
    public const int WorkersMax = 1;

    /// <summary>Default idle timeout in seconds before an idle worker is scaled down: 60.</summary>
    public const int IdleTimeoutSeconds = 60;

    /// <summary>Smallest idle timeout the platform accepts, in seconds: 1.</summary>
    public const int IdleTimeoutMinSeconds = 1;

    /// <summary>Largest idle timeout the platform accepts, in seconds: 3600.</summary>
    public const int IdleTimeoutMaxSeconds = 3600;

    /// <summary>Default maximum job run time in milliseconds: 0, meaning no limit.</summary>
    public const int ExecutionTimeoutMs = 0;

    /// <summary>Default number of GPUs per worker (GPU endpoints only): 1.</summary>
    public const int GpuCount = 1;

    /// <summary>Default scaler threshold: 4.</summary>
    public const int ScalerValue = 4;

    /// <summary>Default number of jobs a queue-based worker runs at once: 1.</summary>
    public const int MaxConcurrency = 1;

    /// <summary>Default container disk of the pod template, in GB: 64 (CPU endpoints get their instance limit instead when it is not written).</summary>
    public const int ContainerDiskInGb = 64;

    /// <summary>Default network volume size in GB: 100.</summary>
    public const int VolumeSizeGb = 100;

    /// <summary>Smallest network volume size the platform accepts, in GB: 10.</summary>
    public const int VolumeSizeMinGb = 10;

    /// <summary>Largest network volume size the platform accepts, in GB: 4096.</summary>
    public const int VolumeSizeMaxGb = 4096;

    /// <summary>FlashBoot (fast cold start, <c>flashBootType=FLASHBOOT</c>) is on by default.</summary>
    public const bool FlashBoot = true;

    /// <summary>Default lowest CUDA version of a GPU endpoint: 12.8.</summary>
    public const CudaVersion MinCudaVersion = CudaVersion.Cuda12_8;

    /// <summary>Default datacenter of a network volume: EU-RO-1.</summary>
    public const DataCenter VolumeDataCenter = DataCenter.EuRo1;

    /// <summary>Where network volumes are mounted inside workers: <c>/runpod-volume/</c>.</summary>
    public const string VolumeMountPath = "/runpod-volume/";
}
