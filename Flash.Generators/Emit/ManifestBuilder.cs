using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Platform;

namespace Flash.Generators.Emit;

/// <summary>
/// Applies the platform defaults and catalog to the parsed declarations. Invalid declarations are left out (the
/// analyzers report them); duplicate names keep the first declaration in a stable order, so output is deterministic.
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
            .Select(v => new ManifestVolume(volumeIdentifiers.Claim(v.Key), v))
            .ToList();
        var byKey = new Dictionary<string, ManifestVolume>(System.StringComparer.Ordinal);
        foreach (var volume in manifestVolumes)
        {
            if (!byKey.ContainsKey(volume.Volume.Key))
            {
                byKey.Add(volume.Volume.Key, volume);
            }

            if (volume.Volume.Id is { } id && !byKey.ContainsKey(id))
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
            .Select(e => Endpoint(e, endpointIdentifiers.Claim(e.Name), byKey))
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

    private static ManifestEndpoint Endpoint(EndpointModel endpoint, string identifier, IReadOnlyDictionary<string, ManifestVolume> volumes)
    {
        var config = endpoint.Config;
        var isCpu = config.IsCpu;
        var loadBalanced = endpoint.Kind == EndpointKind.LoadBalanced;
        var attached = config.Volumes
            .Select(v => volumes.TryGetValue(v, out var volume) ? volume : null)
            .Where(v => v is not null)
            .Select(v => v!)
            .Distinct()
            .ToList();

        string locations;
        if (!config.DataCenters.IsEmpty)
        {
            locations = DataCenterCatalog.Locations(config.DataCenters);
        }
        else
        {
            locations = DataCenterCatalog.Locations(isCpu ? DataCenterCatalog.CpuDataCenters : DataCenterCatalog.DefaultGpuLocations);
        }

        var gpuGroups = config.GpuGroups.IsEmpty && config.GpuTypes.IsEmpty ? new[] { GpuGroup.Any } : config.GpuGroups.ToArray();
        var containerDisk = config.ContainerDiskInGb
            ?? (isCpu ? CpuCatalog.MaxContainerDiskGb(CpuCatalog.LimitingType(config.Cpus.ToArray())) : PlatformDefaults.ContainerDiskInGb);

        return new ManifestEndpoint(
            Name: endpoint.Name,
            Identifier: identifier,
            ShimClass: ShimModel.ClassNameOf(endpoint),
            Kind: endpoint.Kind,
            Type: endpoint.Type,
            Functions: endpoint.Functions,
            IsCpu: isCpu,
            GpuIds: isCpu ? null : GpuCatalog.ComputeGpuIds(gpuGroups, config.GpuTypes),
            GpuCount: isCpu ? null : config.GpuCount ?? PlatformDefaults.GpuCount,
            MinCudaVersion: isCpu ? null : CudaCatalog.Id(config.MinCudaVersion ?? PlatformDefaults.MinCudaVersion),
            InstanceIds: isCpu ? CpuCatalog.InstanceIds(config.Cpus) : null,
            WorkersMin: config.WorkersMin ?? PlatformDefaults.WorkersMin,
            WorkersMax: config.WorkersMax ?? PlatformDefaults.WorkersMax,
            IdleTimeoutSeconds: config.IdleTimeoutSeconds ?? PlatformDefaults.IdleTimeoutSeconds,
            ExecutionTimeoutMs: config.ExecutionTimeoutMs ?? PlatformDefaults.ExecutionTimeoutMs,
            FlashBoot: config.FlashBoot ?? PlatformDefaults.FlashBoot,
            ScalerType: ScalerCatalog.Id(config.ScalerType ?? (loadBalanced ? ScalerType.RequestCount : ScalerType.QueueDelay)),
            ScalerValue: config.ScalerValue ?? PlatformDefaults.ScalerValue,
            Locations: locations,
            MaxConcurrency: loadBalanced ? null : config.MaxConcurrency ?? PlatformDefaults.MaxConcurrency,
            Env: config.Env,
            Image: config.Image,
            ContainerDiskInGb: containerDisk,
            DockerArgs: config.DockerArgs,
            StartScript: config.StartScript,
            ContainerRegistryAuthId: config.ContainerRegistryAuthId,
            Volumes: new EquatableArray<ManifestVolume>(attached));
    }
}
