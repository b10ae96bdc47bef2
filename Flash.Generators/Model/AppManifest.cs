using Flash.Manifest;

namespace Flash.Generators.Model;

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
/// <param name="Volume">Its final values.</param>
internal sealed record ManifestVolume(string Identifier, NetworkVolumeDefinition Volume);

/// <summary>One endpoint: its final values (the contract every consumer reads) and the code that serves it.</summary>
/// <param name="Definition">Every deployment value, defaults applied.</param>
/// <param name="Identifier">The C# property name in the typed manifest.</param>
/// <param name="ShimClass">The generated class that calls its methods.</param>
/// <param name="Type">The declaring class.</param>
/// <param name="Functions">The methods jobs or routes reach, as the shim calls them.</param>
internal sealed record ManifestEndpoint(
    EndpointDefinition Definition,
    string Identifier,
    string ShimClass,
    TypeModel Type,
    EquatableArray<FunctionModel> Functions);
