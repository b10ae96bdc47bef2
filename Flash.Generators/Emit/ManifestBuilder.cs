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

        var result = Served(endpoints)
            .Select(s => new ManifestEndpoint(EndpointDefaults.Definition(s.Endpoint, byKey), s.Identifier, ShimModel.ClassNameOf(s.Endpoint), s.Endpoint.Type, s.Endpoint.Functions))
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

    /// <summary>
    /// The endpoints the app serves, each with its identifier in <c>FlashManifest.Endpoints</c> (which the generated
    /// clients reuse): the valid ones, ordered by name, the first declaration of a duplicated name only.
    /// </summary>
    public static IEnumerable<(EndpointModel Endpoint, string Identifier)> Served(IEnumerable<EndpointModel> endpoints)
    {
        var identifiers = new Identifiers("Endpoints");
        return endpoints
            .Where(e => e.IsValid && e.Functions.Count > 0)
            .OrderBy(e => e.Name, System.StringComparer.Ordinal)
            .ThenBy(e => e.Type.MetadataName, System.StringComparer.Ordinal)
            .ThenBy(e => e.Functions[0].Name, System.StringComparer.Ordinal)
            .GroupBy(e => e.Name, System.StringComparer.Ordinal)
            .Select(g => (g.First(), identifiers.Claim(g.Key)))
            .ToList();
    }

    private static NetworkVolumeDefinition Volume(VolumeModel volume) => new()
    {
        Name = volume.Name,
        Id = volume.Id,
        SizeGb = volume.SizeGb,
        DataCenter = volume.DataCenter,
    };
}
