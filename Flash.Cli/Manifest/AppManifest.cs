using Flash.Manifest;

namespace Flash.Cli.Manifest;

/// <summary>What <c>flash</c> deploys from a <c>flash_manifest.json</c>: the app's endpoints and network volumes.</summary>
/// <param name="ProjectName">The app (the manifest's <c>project_name</c>).</param>
/// <param name="Endpoints">The endpoints, in manifest order (by name, ordinal).</param>
/// <param name="Volumes">Every declared network volume, in declaration order.</param>
/// <param name="Container">The SDK container properties the project set, for endpoints without their own image.</param>
internal sealed record AppManifest(
    string ProjectName,
    IReadOnlyList<ManifestEndpoint> Endpoints,
    IReadOnlyList<NetworkVolumeDefinition> Volumes,
    ContainerProperties Container);

/// <summary>The project's ContainerRegistry, ContainerRepository and ContainerImageTag as the build recorded them.</summary>
/// <param name="Registry">ContainerRegistry, or null.</param>
/// <param name="Repository">ContainerRepository, or null.</param>
/// <param name="Tag">ContainerImageTag, or null.</param>
internal sealed record ContainerProperties(string? Registry, string? Repository, string? Tag)
{
    public static readonly ContainerProperties None = new(null, null, null);

    public bool IsSet => Registry is not null || Repository is not null || Tag is not null;
}

/// <summary>One endpoint of the manifest: its final settings and, for a load-balanced endpoint, its routes.</summary>
/// <param name="Definition">The settings, in the runtime's typed manifest model.</param>
/// <param name="Routes">The routes as <c>"METHOD /path"</c>, in manifest order; empty for a queue-based endpoint.</param>
internal sealed record ManifestEndpoint(EndpointDefinition Definition, IReadOnlyList<string> Routes)
{
    public string Name => Definition.Name;

    public bool IsLoadBalanced => Definition.Kind == EndpointKind.LoadBalanced;
}

/// <summary>How a network volume is known on the platform: by id, else by (name, datacenter).</summary>
internal static class VolumeIdentity
{
    /// <summary><c>id:&lt;id&gt;</c> for a volume given by id, else <c>&lt;name&gt;@&lt;datacenter&gt;</c>.</summary>
    public static string Key(NetworkVolumeDefinition volume) =>
        volume.Id is { } id ? "id:" + id : volume.Name + "@" + volume.DataCenterId;

    /// <summary>The volume as people name it: its name, else its id.</summary>
    public static string Label(NetworkVolumeDefinition volume) => volume.Name ?? volume.Id ?? "";
}
