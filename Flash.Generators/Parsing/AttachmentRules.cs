using System.Collections.Generic;
using System.Linq;
using Flash.Manifest;
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
        var attached = new Dictionary<string, NetworkVolumeDefinition>(System.StringComparer.Ordinal);
        for (var i = 0; i < config.Volumes.Count; i++)
        {
            var reference = config.Volumes[i];
            if (attached.ContainsKey(reference))
            {
                continue; // attached twice: EndpointRules reports it
            }

            var location = VolumeLocation(declared, i);
            var found = volumes.Find(reference);
            if (found.Count == 0)
            {
                problems.Add(Problem.Create(ProblemId.UnknownVolume, location, endpoint.Name, reference).WithProperty(FixKeys.Volume, reference));
            }
            else if (found.Count > 1)
            {
                problems.Add(Problem.Create(ProblemId.AmbiguousVolume, location, endpoint.Name, reference,
                    string.Join(" and ", found.Select(v => v.DataCenter is { } dc ? DataCenterCatalog.Id(dc) : "an unknown datacenter"))));
            }
            else if (found[0].DataCenter is null)
            {
                // Unknown because it was given by id alone; a datacenter written wrong is reported on the volume instead.
                if (found[0].IsValid)
                {
                    problems.Add(Problem.Create(ProblemId.VolumeDataCenterUnknown, location, endpoint.Name, reference));
                }
            }
            else
            {
                attached[reference] = new NetworkVolumeDefinition { Name = reference, Id = found[0].Id, SizeGb = found[0].SizeGb, DataCenter = found[0].DataCenter };
            }
        }

        var definition = EndpointDefaults.Definition(endpoint, attached);
        foreach (var violation in VolumeValueRules.Attached(definition, locationsWritten: !config.DataCenters.IsEmpty))
        {
            var reference = ((NetworkVolumeDefinition)violation.Element!).Label;
            var problem = Problem.Create(violation.Problem, VolumeLocation(declared, config.Volumes.IndexOf(reference)), violation.Arguments);
            problems.Add(violation.Problem switch
            {
                ProblemId.VolumesShareDataCenter => problem.WithProperty(FixKeys.Volume, reference),
                ProblemId.VolumeOutsideEndpointDataCenters => problem.WithProperty(FixKeys.DataCenter, violation.FixValue!),
                _ => problem,
            });
        }
    }

    private static Location? VolumeLocation(DeclaredEndpoint declared, int index) =>
        declared.Arguments.IsWritten(nameof(EndpointAttribute.Volumes))
            ? declared.Arguments.ElementLocation(nameof(EndpointAttribute.Volumes), index)
            : declared.Arguments.LocationOf(nameof(EndpointAttribute.Volume));
}
