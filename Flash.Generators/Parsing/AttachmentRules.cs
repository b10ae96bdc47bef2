using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest.Rules;
using Flash.Platform;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>
/// The rules between one endpoint and the volumes it attaches: each reference declared, one volume per datacenter,
/// every volume where the endpoint's workers run.
/// </summary>
internal static class AttachmentRules
{
    public static void Check(DeclaredEndpoint declared, VolumeIndex volumes, List<Problem> problems)
    {
        var endpoint = declared.Endpoint;
        var config = endpoint.Config;
        var byDataCenter = new Dictionary<DataCenter, string>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < config.Volumes.Count; i++)
        {
            var reference = config.Volumes[i];
            if (!seen.Add(reference))
            {
                continue; // attached twice: EndpointRules reports it
            }

            var location = VolumeLocation(declared, i);
            var found = volumes.Find(reference);
            if (found.Count == 0)
            {
                problems.Add(Problem.Create(ProblemId.UnknownVolume, location, endpoint.Name, reference).WithProperty(FixKeys.Volume, reference));
                continue;
            }

            if (found.Count > 1)
            {
                problems.Add(Problem.Create(ProblemId.AmbiguousVolume, location, endpoint.Name, reference,
                    string.Join(" and ", found.Select(v => v.DataCenter is { } dc ? DataCenterCatalog.Id(dc) : "an unknown datacenter"))));
                continue;
            }

            var volume = found[0];

            if (volume.DataCenter is not { } dataCenter)
            {
                // Unknown because it was given by id alone; a datacenter written wrong is reported on the volume instead.
                if (volume.IsValid)
                {
                    problems.Add(Problem.Create(ProblemId.VolumeDataCenterUnknown, location, endpoint.Name, reference));
                }

                continue;
            }

            var id = DataCenterCatalog.Id(dataCenter);
            if (byDataCenter.TryGetValue(dataCenter, out var first))
            {
                problems.Add(Problem.Create(ProblemId.VolumesShareDataCenter, location, endpoint.Name, first, reference, id)
                    .WithProperty(FixKeys.Volume, reference));
                continue;
            }

            byDataCenter.Add(dataCenter, reference);
            if (!config.DataCenters.IsEmpty)
            {
                if (!config.DataCenters.Contains(dataCenter))
                {
                    problems.Add(Problem.Create(ProblemId.VolumeOutsideEndpointDataCenters, location, endpoint.Name, reference, id,
                            string.Join(", ", config.DataCenters.Select(DataCenterCatalog.Id)))
                        .WithProperty(FixKeys.DataCenter, dataCenter.ToString()));
                }
            }
            else if (config.IsCpu && !DataCenterCatalog.CpuDataCenters.Contains(dataCenter))
            {
                problems.Add(Problem.Create(ProblemId.VolumeUnreachableFromCpuEndpoint, location, endpoint.Name, reference, id,
                    string.Join(", ", DataCenterCatalog.CpuDataCenters.Select(DataCenterCatalog.Id))));
            }
        }
    }

    private static Location? VolumeLocation(DeclaredEndpoint declared, int index) =>
        declared.Arguments.IsWritten(nameof(EndpointAttribute.Volumes))
            ? declared.Arguments.ElementLocation(nameof(EndpointAttribute.Volumes), index)
            : declared.Arguments.LocationOf(nameof(EndpointAttribute.Volume));
}
