using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flash.Platform;

namespace Flash.Manifest.Rules;

/// <summary>
/// The rules over network volumes, for the analyzers and for flash alike: a volume's own values, and the volumes an
/// endpoint attaches against the datacenters its workers run in.
/// </summary>
internal static class VolumeValueRules
{
    /// <summary>The property name a violation about a whole volume (neither name nor id) carries.</summary>
    public const string VolumeProperty = "Volume";

    /// <summary>Every rule the volume's own values break.</summary>
    public static IEnumerable<Violation> Check(NetworkVolumeDefinition volume)
    {
        if (string.IsNullOrWhiteSpace(volume.Name) && string.IsNullOrWhiteSpace(volume.Id))
        {
            yield return new Violation(ProblemId.VolumeWithoutNameOrId, VolumeProperty, null, []);
        }

        var size = volume.SizeGb;
        if (size < PlatformDefaults.VolumeSizeMinGb || size > PlatformDefaults.VolumeSizeMaxGb)
        {
            var clamped = size < PlatformDefaults.VolumeSizeMinGb ? PlatformDefaults.VolumeSizeMinGb : PlatformDefaults.VolumeSizeMaxGb;
            yield return new Violation(ProblemId.VolumeSizeOutOfRange, nameof(volume.SizeGb), null,
                [volume.Label, Text(size), Text(PlatformDefaults.VolumeSizeMinGb), Text(PlatformDefaults.VolumeSizeMaxGb)], FixValue: Text(clamped));
        }
    }

    /// <summary>
    /// Every rule the endpoint's volumes break where its workers run: one volume per datacenter, and each in one of the
    /// endpoint's datacenters (a GPU endpoint without a list runs anywhere; a CPU endpoint only where CPU workers run).
    /// Volumes whose datacenter only the platform knows are not checked. Each violation's element is the volume.
    /// </summary>
    /// <param name="endpoint">The endpoint with its final locations and its volumes.</param>
    /// <param name="locationsWritten">Whether its datacenters were chosen (a manifest's always were).</param>
    public static IEnumerable<Violation> Attached(EndpointDefinition endpoint, bool locationsWritten)
    {
        var byDataCenter = new Dictionary<DataCenter, string>();
        foreach (var volume in endpoint.Volumes)
        {
            if (volume.DataCenter is not { } dataCenter || !DataCenterCatalog.IsDefined(dataCenter))
            {
                continue;
            }

            var id = DataCenterCatalog.Id(dataCenter);
            if (byDataCenter.TryGetValue(dataCenter, out var first))
            {
                yield return new Violation(ProblemId.VolumesShareDataCenter, nameof(endpoint.Volumes), volume, [endpoint.Name, first, volume.Label, id]);
                continue;
            }

            byDataCenter.Add(dataCenter, volume.Label);
            if (locationsWritten)
            {
                if (!endpoint.Locations.Contains(dataCenter))
                {
                    yield return new Violation(ProblemId.VolumeOutsideEndpointDataCenters, nameof(endpoint.Volumes), volume,
                        [endpoint.Name, volume.Label, id, string.Join(", ", endpoint.Locations.Where(DataCenterCatalog.IsDefined).Select(DataCenterCatalog.Id))],
                        FixValue: dataCenter.ToString());
                }
            }
            else if (endpoint.IsCpu && !DataCenterCatalog.CpuDataCenters.Contains(dataCenter))
            {
                yield return new Violation(ProblemId.VolumeUnreachableFromCpuEndpoint, nameof(endpoint.Volumes), volume,
                    [endpoint.Name, volume.Label, id, string.Join(", ", DataCenterCatalog.CpuDataCenters.Select(DataCenterCatalog.Id))]);
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
