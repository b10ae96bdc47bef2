using Flash.Generators.Model;

namespace Flash.Generators.Emit;

/// <summary>The whole app as the manifest shows it: every valid endpoint with its final values, every volume.</summary>
/// <param name="ProjectName">The assembly name.</param>
/// <param name="Namespace">The namespace of the generated code.</param>
/// <param name="Endpoints">Endpoints ordered by name.</param>
/// <param name="Volumes">Volumes in declaration order.</param>
/// <param name="EmitMain">Whether to generate the program entry point.</param>
/// <param name="HasDeclarations">Whether the app declares anything, valid or not.</param>
/// <param name="Container">The SDK container properties the project sets.</param>
internal sealed record AppManifest(
    string ProjectName,
    string Namespace,
    EquatableArray<ManifestEndpoint> Endpoints,
    EquatableArray<ManifestVolume> Volumes,
    bool EmitMain,
    bool HasDeclarations,
    ContainerImage Container);

/// <summary>
/// The image <c>dotnet publish -t:PublishContainer</c> pushes, as the project's ContainerRegistry, ContainerRepository
/// and ContainerImageTag MSBuild properties give it; each null when the project does not set it.
/// </summary>
internal sealed record ContainerImage(string? Registry, string? Repository, string? Tag);

/// <summary>A volume with its identifier in the typed manifest.</summary>
/// <param name="Identifier">The C# property name.</param>
/// <param name="Volume">The declaration.</param>
internal sealed record ManifestVolume(string Identifier, VolumeModel Volume);

/// <summary>One endpoint with every value final: defaults applied, ids computed from the catalog.</summary>
internal sealed record ManifestEndpoint(
    string Name,
    string Identifier,
    string ShimClass,
    EndpointKind Kind,
    TypeModel Type,
    EquatableArray<FunctionModel> Functions,
    bool IsCpu,
    string? GpuIds,
    int? GpuCount,
    string? MinCudaVersion,
    string? InstanceIds,
    int WorkersMin,
    int WorkersMax,
    int IdleTimeoutSeconds,
    int ExecutionTimeoutMs,
    bool FlashBoot,
    string ScalerType,
    int ScalerValue,
    string Locations,
    int? MaxConcurrency,
    EquatableArray<EnvVar> Env,
    string? Image,
    int ContainerDiskInGb,
    string? DockerArgs,
    string? StartScript,
    string? ContainerRegistryAuthId,
    EquatableArray<ManifestVolume> Volumes)
{
    public bool IsLoadBalanced => Kind == EndpointKind.LoadBalanced;

    public string EndpointType => IsLoadBalanced ? "LB" : "QB";
}
