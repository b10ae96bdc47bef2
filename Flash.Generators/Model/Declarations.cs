namespace Flash.Generators.Model;

/// <summary>What the generator reads from the declarations of a compilation.</summary>
/// <param name="EndpointsByFile">The endpoints of each file that declares any, in compilation order.</param>
/// <param name="Volumes">The assembly's network volumes, in declaration order.</param>
/// <param name="HasUserEntryPoint">Whether the user wrote top-level statements or a static Main.</param>
internal sealed record Declarations(EquatableArray<EquatableArray<EndpointModel>> EndpointsByFile, EquatableArray<VolumeModel> Volumes, bool HasUserEntryPoint);
