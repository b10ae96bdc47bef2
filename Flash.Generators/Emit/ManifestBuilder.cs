using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Generators.Parsing;
using Flash.Manifest;

namespace Flash.Generators.Emit;

/// <summary>
/// Applies the platform defaults and catalog to the parsed declarations, giving each endpoint its final
/// <see cref="EndpointDefinition"/>. Invalid declarations are left out (the analyzers report them); duplicate names
/// keep the first declaration in a stable order, so output is deterministic.
/// </summary>
internal static class ManifestBuilder
{
    public static AppManifest Build(string assemblyName, IReadOnlyCollection<EndpointModel> endpoints, IReadOnlyCollection<VolumeModel> volumes, bool emitMain, ContainerImage container)
    {
        var volumeIdentifiers = new Identifiers("Volumes");
        var manifestVolumes = volumes
            .Where(v => v.IsValid)
            .GroupBy(v => (v.Key, v.DataCenter))
            .Select(g => g.First())
            .Select(v => new ManifestVolume(volumeIdentifiers.Claim(v.Key), Volume(v)))
            .ToList();
        var byKey = new Dictionary<string, NetworkVolumeDefinition>(System.StringComparer.Ordinal);
        foreach (var volume in manifestVolumes.Select(v => v.Volume))
        {
            if (!byKey.ContainsKey(volume.Label))
            {
                byKey.Add(volume.Label, volume);
            }

            if (volume.Id is { } id && !byKey.ContainsKey(id))
            {
                byKey.Add(id, volume);
            }
        }

        var endpointIdentifiers = new Identifiers("Endpoints");
        var result = endpoints
            .Where(e => e.IsValid && e.Functions.Count > 0)
            .OrderBy(e => e.Name, System.StringComparer.Ordinal)
            .ThenBy(e => e.Type.MetadataName, System.StringComparer.Ordinal)
            .ThenBy(e => e.Functions.Count > 0 ? e.Functions[0].Name : string.Empty, System.StringComparer.Ordinal)
            .GroupBy(e => e.Name, System.StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(e => new ManifestEndpoint(EndpointDefaults.Definition(e, byKey), endpointIdentifiers.Claim(e.Name), ShimModel.ClassNameOf(e), e.Type, e.Functions))
            .ToList();

        return new AppManifest(
            assemblyName,
            Naming.Namespace(assemblyName),
            new EquatableArray<ManifestEndpoint>(result),
            new EquatableArray<ManifestVolume>(manifestVolumes),
            emitMain,
            endpoints.Count > 0 || volumes.Count > 0,
            container);
    }

    private static NetworkVolumeDefinition Volume(VolumeModel volume) => new()
    {
        Name = volume.Name,
        Id = volume.Id,
        SizeGb = volume.SizeGb,
        DataCenter = volume.DataCenter,
    };
}
