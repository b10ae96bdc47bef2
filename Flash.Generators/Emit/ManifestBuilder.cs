using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest;
using Flash.Platform;

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
            .Select(e => new ManifestEndpoint(Definition(e, byKey), endpointIdentifiers.Claim(e.Name), ShimModel.ClassNameOf(e), e.Type, e.Functions))
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

    private static EndpointDefinition Definition(EndpointModel endpoint, IReadOnlyDictionary<string, NetworkVolumeDefinition> volumes)
    {
        var config = endpoint.Config;
        var isCpu = config.IsCpu;
        var queue = endpoint.Kind != EndpointKind.LoadBalanced;
        return new EndpointDefinition
        {
            Name = endpoint.Name,
            Kind = endpoint.Kind,
            Functions = endpoint.Functions.Select(f => new FunctionDefinition { Name = f.Name, HttpMethod = f.HttpMethod, HttpPath = f.HttpPath }).ToArray(),
            Image = config.Image,
            GpuGroups = isCpu ? [] : config.GpuGroups.IsEmpty && config.GpuTypes.IsEmpty ? [GpuGroup.Any] : Distinct(config.GpuGroups),
            GpuTypes = isCpu ? [] : Distinct(config.GpuTypes),
            GpuCount = isCpu ? null : config.GpuCount ?? PlatformDefaults.GpuCount,
            MinCudaVersion = isCpu ? null : config.MinCudaVersion ?? PlatformDefaults.MinCudaVersion,
            InstanceTypes = Distinct(config.Cpus),
            WorkersMin = config.WorkersMin ?? PlatformDefaults.WorkersMin,
            WorkersMax = config.WorkersMax ?? PlatformDefaults.WorkersMax,
            IdleTimeoutSeconds = config.IdleTimeoutSeconds ?? PlatformDefaults.IdleTimeoutSeconds,
            ScalerType = config.ScalerType ?? (queue ? ScalerType.QueueDelay : ScalerType.RequestCount),
            ScalerValue = config.ScalerValue ?? PlatformDefaults.ScalerValue,
            ExecutionTimeoutMs = config.ExecutionTimeoutMs ?? PlatformDefaults.ExecutionTimeoutMs,
            FlashBoot = config.FlashBoot ?? PlatformDefaults.FlashBoot,
            Locations = !config.DataCenters.IsEmpty ? Distinct(config.DataCenters)
                : isCpu ? DataCenterCatalog.CpuDataCenters.ToArray() : DataCenterCatalog.DefaultGpuLocations.ToArray(),
            Env = LastWins(config.Env),
            Volumes = config.Volumes.Select(v => volumes.TryGetValue(v, out var volume) ? volume : null).Where(v => v is not null).Select(v => v!).Distinct().ToArray(),
            ContainerDiskInGb = config.ContainerDiskInGb
                ?? (isCpu ? CpuCatalog.MaxContainerDiskGb(CpuCatalog.LimitingType(config.Cpus.ToArray())) : PlatformDefaults.ContainerDiskInGb),
            DockerArgs = config.DockerArgs ?? string.Empty,
            StartScript = config.StartScript ?? string.Empty,
            ContainerRegistryAuthId = config.ContainerRegistryAuthId,
            MaxConcurrency = queue ? config.MaxConcurrency ?? PlatformDefaults.MaxConcurrency : null,
        };
    }

    private static T[] Distinct<T>(EquatableArray<T> items) => items.Distinct().ToArray();

    /// <summary>Each variable once, where it was first written, with the value it was last given.</summary>
    private static KeyValuePair<string, string>[] LastWins(EquatableArray<EnvVar> env)
    {
        var last = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var variable in env)
        {
            last[variable.Name] = variable.Value;
        }

        var written = new HashSet<string>(System.StringComparer.Ordinal);
        return env.Where(v => written.Add(v.Name)).Select(v => new KeyValuePair<string, string>(v.Name, last[v.Name])).ToArray();
    }
}
