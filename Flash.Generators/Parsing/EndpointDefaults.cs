using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest;
using Flash.Platform;

namespace Flash.Generators.Parsing;

/// <summary>
/// Gives a declared endpoint its final values: what was written, else the platform default. The generator writes the
/// result into the manifest; the analyzers check the same values against <see cref="Flash.Manifest.Rules.EndpointValueRules"/>.
/// Never throws, whatever the declaration holds.
/// </summary>
internal static class EndpointDefaults
{
    /// <summary>The endpoint's final values.</summary>
    /// <param name="endpoint">The declaration.</param>
    /// <param name="volumes">The app's volumes by name and by id; references to others are left out.</param>
    public static EndpointDefinition Definition(EndpointModel endpoint, IReadOnlyDictionary<string, NetworkVolumeDefinition> volumes)
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
                ?? (isCpu && config.Cpus.Where(CpuCatalog.IsDefined).ToArray() is { Length: > 0 } cpus ? CpuCatalog.MaxContainerDiskGb(CpuCatalog.LimitingType(cpus)) : PlatformDefaults.ContainerDiskInGb),
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
