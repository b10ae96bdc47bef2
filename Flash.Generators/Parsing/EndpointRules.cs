using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest;
using Flash.Manifest.Rules;
using Flash.Platform;

namespace Flash.Generators.Parsing;

/// <summary>
/// Checks one [Endpoint] declaration alone. The rules over its values are <see cref="EndpointValueRules"/>, shared with
/// flash, run on the values the manifest would hold and reported on the argument that wrote them; the rules about how
/// the declaration is written (a GPU and a CPU, a GPU setting on a CPU endpoint, repetitions) are here. Rules that need
/// the volumes live in <see cref="AttachmentRules"/>.
/// </summary>
internal static class EndpointRules
{
    private static readonly IReadOnlyDictionary<string, NetworkVolumeDefinition> NoVolumes = new Dictionary<string, NetworkVolumeDefinition>();

    /// <param name="endpoint">The declaration, named by its constant or by its target.</param>
    /// <param name="nameIsConstant">False when the name argument is not a constant (already reported): its name is not checked.</param>
    /// <param name="args">The attribute's arguments, which problems are reported on.</param>
    public static void Check(EndpointModel endpoint, bool nameIsConstant, AttributeArguments args)
    {
        var definition = EndpointDefaults.Definition(endpoint, NoVolumes);
        foreach (var violation in EndpointValueRules.Check(definition, property => IsWritten(args, property)))
        {
            if (violation.Property == Violation.NameProperty && !nameIsConstant)
            {
                continue;
            }

            args.Report(Problem.Of(violation, LocationOf(violation, endpoint.Config, args)));
        }

        CheckDeclaration(endpoint.Name, endpoint.Kind, endpoint.Config, args);
        CheckRepeats(endpoint.Name, endpoint.Config, args);
    }

    /// <summary>Whether the user wrote the argument behind a definition property.</summary>
    private static bool IsWritten(AttributeArguments args, string property) => property switch
    {
        nameof(EndpointDefinition.Locations) => args.IsWritten(nameof(EndpointAttribute.DataCenters)) || args.IsWritten(nameof(EndpointAttribute.DataCenter)),
        _ => args.IsWritten(property),
    };

    /// <summary>The argument (or list element) that wrote the value at fault.</summary>
    private static Microsoft.CodeAnalysis.Location? LocationOf(Violation violation, EndpointConfig config, AttributeArguments args) => violation.Property switch
    {
        Violation.NameProperty => args.NameLocation,
        nameof(EndpointDefinition.Locations) when violation.Element is DataCenter dataCenter => DataCentersLocation(config, args, dataCenter),
        nameof(EndpointDefinition.Env) when violation.Element is string variable =>
            args.ElementLocation(nameof(EndpointAttribute.Env), config.Env.Select(v => v.Name).ToList().IndexOf(variable)),
        _ => args.LocationOf(violation.Property),
    };

    private static void CheckDeclaration(string endpoint, EndpointKind kind, EndpointConfig config, AttributeArguments args)
    {
        if (config.IsCpu && (!config.GpuTypes.IsEmpty || !config.GpuGroups.IsEmpty))
        {
            args.Report(ProblemId.GpuAndCpu, args.Location, endpoint);
        }

        if (config.IsCpu)
        {
            foreach (var setting in new[] { nameof(EndpointAttribute.MinCudaVersion), nameof(EndpointAttribute.GpuCount) }.Where(args.IsWritten))
            {
                args.Report(ProblemId.GpuSettingOnCpuEndpoint, args.LocationOf(setting), endpoint, setting);
            }
        }

        if (kind == EndpointKind.LoadBalanced && args.IsWritten(nameof(EndpointAttribute.MaxConcurrency)))
        {
            args.Report(ProblemId.MaxConcurrencyOnLoadBalanced, args.LocationOf(nameof(EndpointAttribute.MaxConcurrency)), endpoint);
        }
    }

    private static void CheckRepeats(string endpoint, EndpointConfig config, AttributeArguments args)
    {
        var seenDataCenters = new HashSet<DataCenter>();
        for (var i = 0; i < config.DataCenters.Count; i++)
        {
            if (!seenDataCenters.Add(config.DataCenters[i]))
            {
                args.Report(ProblemId.RepeatedDataCenter, args.ElementLocation(nameof(EndpointAttribute.DataCenters), i), endpoint, DataCenterCatalog.Id(config.DataCenters[i]));
            }
        }

        var seenVolumes = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < config.Volumes.Count; i++)
        {
            if (!seenVolumes.Add(config.Volumes[i]))
            {
                args.Report(Problem.Create(ProblemId.VolumeAttachedTwice, args.ElementLocation(nameof(EndpointAttribute.Volumes), i), endpoint, config.Volumes[i])
                    .WithProperty(FixKeys.Volume, config.Volumes[i]));
            }
        }
    }

    /// <summary>Where a datacenter of the endpoint's list is written: its element, or the DataCenter argument.</summary>
    private static Microsoft.CodeAnalysis.Location? DataCentersLocation(EndpointConfig config, AttributeArguments args, DataCenter dataCenter) =>
        args.IsWritten(nameof(EndpointAttribute.DataCenters))
            ? args.ElementLocation(nameof(EndpointAttribute.DataCenters), config.DataCenters.IndexOf(dataCenter))
            : args.LocationOf(nameof(EndpointAttribute.DataCenter));
}
