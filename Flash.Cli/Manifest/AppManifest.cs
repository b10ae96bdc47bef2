using Flash.Manifest;
using Flash.Platform;

namespace Flash.Cli.Manifest;

/// <summary>What <c>flash</c> deploys from a <c>flash_manifest.json</c>: the app's endpoints and network volumes.</summary>
/// <param name="ProjectName">The app (the manifest's <c>project_name</c>).</param>
/// <param name="Endpoints">The endpoints, in manifest order (by name, ordinal).</param>
/// <param name="Volumes">Every declared network volume, in declaration order.</param>
/// <param name="Container">The SDK container properties the project set, for endpoints without their own image.</param>
internal sealed record AppManifest(
    string ProjectName,
    IReadOnlyList<EndpointDefinition> Endpoints,
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

/// <summary>What the deploy tool derives from the manifest's values: routes, volume identities, API ids.</summary>
internal static class ManifestValues
{
    /// <summary>The routes of a load-balanced endpoint as <c>"METHOD /path"</c>, in manifest order; empty for a queue-based one.</summary>
    public static IReadOnlyList<string> Routes(EndpointDefinition endpoint) =>
        endpoint.Functions.Where(f => f.HttpMethod is not null).Select(f => $"{f.HttpMethod} {f.HttpPath}").ToList();

    /// <summary><c>id:&lt;id&gt;</c> for a volume given by id, else <c>&lt;name&gt;@&lt;datacenter&gt;</c>: how the platform knows it.</summary>
    public static string VolumeKey(NetworkVolumeDefinition volume) =>
        volume.Id is { } id ? "id:" + id : volume.Name + "@" + DataCenterId(volume);

    /// <summary>The volume's datacenter API id, or null when only the platform knows it.</summary>
    public static string? DataCenterId(NetworkVolumeDefinition volume) =>
        volume.DataCenter is { } dc ? DataCenterCatalog.Id(dc) : null;

    /// <summary>The API's type of a queue-based endpoint.</summary>
    public const string QueueBased = "QB";

    /// <summary>The API's type of a load-balanced endpoint.</summary>
    public const string LoadBalanced = "LB";

    /// <summary>The API endpoint type: <see cref="QueueBased"/> or <see cref="LoadBalanced"/>.</summary>
    public static string EndpointType(EndpointDefinition endpoint) => endpoint.IsLoadBalanced ? LoadBalanced : QueueBased;
}
