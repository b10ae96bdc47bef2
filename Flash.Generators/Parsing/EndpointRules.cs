using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest.Rules;
using Flash.Platform;

namespace Flash.Generators.Parsing;

/// <summary>
/// The rules one [Endpoint] declaration can be checked against alone: compute, placement, scaling, environment.
/// Each reports on the argument at fault. Rules that need the volumes live in <see cref="AttachmentRules"/>.
/// </summary>
internal static class EndpointRules
{
    public static void Check(string endpoint, EndpointKind kind, EndpointConfig config, AttributeArguments args)
    {
        CheckImage(endpoint, config, args);
        CheckCompute(endpoint, config, args);
        CheckScaling(endpoint, kind, config, args);
        CheckRepeats(endpoint, config, args);
    }

    private static void CheckImage(string endpoint, EndpointConfig config, AttributeArguments args)
    {
        if (config.Image is { } image && ImageReferences.Problem(image) is { } problem)
        {
            args.Report(ProblemId.InvalidImageReference, args.LocationOf(nameof(EndpointAttribute.Image)), endpoint, image, problem, ImageReferences.Form);
        }
    }

    private static void CheckCompute(string endpoint, EndpointConfig config, AttributeArguments args)
    {
        if (config.IsCpu && (!config.GpuTypes.IsEmpty || !config.GpuGroups.IsEmpty))
        {
            args.Report(ProblemId.GpuAndCpu, args.Location, endpoint);
        }

        if (config.ContainerDiskInGb is { } disk)
        {
            if (disk <= 0)
            {
                args.Report(ProblemId.ContainerDiskNotPositive, args.LocationOf(nameof(EndpointAttribute.ContainerDiskInGb)), endpoint, Text(disk));
            }
            else if (config.IsCpu)
            {
                var limiting = CpuCatalog.LimitingType(config.Cpus.ToArray());
                var limit = CpuCatalog.MaxContainerDiskGb(limiting);
                if (disk > limit)
                {
                    args.Report(Problem.Create(
                            ProblemId.CpuContainerDiskAboveLimit,
                            args.LocationOf(nameof(EndpointAttribute.ContainerDiskInGb)),
                            endpoint,
                            Text(disk),
                            CpuCatalog.Id(limiting),
                            Text(limit),
                            Text(limit / CpuCatalog.VCpu(limiting)))
                        .WithProperty(FixKeys.Value, Text(limit)));
                }
            }
        }

        if (config.IsCpu)
        {
            foreach (var dataCenter in config.DataCenters.Where(dc => !DataCenterCatalog.CpuDataCenters.Contains(dc)).Distinct())
            {
                args.Report(ProblemId.CpuEndpointOutsideCpuDataCenter, DataCentersLocation(config, args, dataCenter), endpoint, DataCenterCatalog.Id(dataCenter));
            }

            foreach (var setting in new[] { nameof(EndpointAttribute.MinCudaVersion), nameof(EndpointAttribute.GpuCount) }.Where(args.IsWritten))
            {
                args.Report(ProblemId.GpuSettingOnCpuEndpoint, args.LocationOf(setting), endpoint, setting);
            }
        }

        if (config.GpuCount is { } gpus && gpus < 1)
        {
            args.Report(ProblemId.GpuCountBelowOne, args.LocationOf(nameof(EndpointAttribute.GpuCount)), endpoint, Text(gpus));
        }
    }

    private static void CheckScaling(string endpoint, EndpointKind kind, EndpointConfig config, AttributeArguments args)
    {
        foreach (var (setting, value) in new[] { (nameof(EndpointAttribute.WorkersMin), config.WorkersMin), (nameof(EndpointAttribute.WorkersMax), config.WorkersMax) })
        {
            if (value is { } negative && negative < 0)
            {
                args.Report(ProblemId.WorkersNegative, args.LocationOf(setting), endpoint, setting, Text(negative));
            }
        }

        var min = config.WorkersMin ?? PlatformDefaults.WorkersMin;
        var max = config.WorkersMax ?? PlatformDefaults.WorkersMax;
        if (min >= 0 && max >= 0)
        {
            if (min > max)
            {
                args.Report(ProblemId.WorkersMinAboveMax, args.LocationOf(config.WorkersMin is null ? nameof(EndpointAttribute.WorkersMax) : nameof(EndpointAttribute.WorkersMin)), endpoint, Text(min), Text(max));
            }
            else if (max == 0)
            {
                args.Report(ProblemId.WorkersMaxZero, args.LocationOf(nameof(EndpointAttribute.WorkersMax)), endpoint);
            }
        }

        if (config.IdleTimeoutSeconds is { } idle && (idle < PlatformDefaults.IdleTimeoutMinSeconds || idle > PlatformDefaults.IdleTimeoutMaxSeconds))
        {
            args.Report(ProblemId.IdleTimeoutOutOfRange, args.LocationOf(nameof(EndpointAttribute.IdleTimeoutSeconds)), endpoint, Text(idle),
                Text(PlatformDefaults.IdleTimeoutMinSeconds), Text(PlatformDefaults.IdleTimeoutMaxSeconds));
        }

        if (config.MaxConcurrency is { } concurrency)
        {
            if (concurrency < 1)
            {
                args.Report(ProblemId.MaxConcurrencyBelowOne, args.LocationOf(nameof(EndpointAttribute.MaxConcurrency)), endpoint, Text(concurrency));
            }
            else if (kind == EndpointKind.LoadBalanced)
            {
                args.Report(ProblemId.MaxConcurrencyOnLoadBalanced, args.LocationOf(nameof(EndpointAttribute.MaxConcurrency)), endpoint);
            }
        }

        if (kind == EndpointKind.LoadBalanced && config.ScalerType == ScalerType.QueueDelay)
        {
            args.Report(ProblemId.QueueDelayOnLoadBalanced, args.LocationOf(nameof(EndpointAttribute.ScalerType)), endpoint);
        }

        if (config.ScalerValue is { } scalerValue && scalerValue < 1)
        {
            args.Report(ProblemId.ScalerValueBelowOne, args.LocationOf(nameof(EndpointAttribute.ScalerValue)), endpoint, Text(scalerValue));
        }

        if (config.ExecutionTimeoutMs is { } timeout && timeout < 0)
        {
            args.Report(ProblemId.ExecutionTimeoutNegative, args.LocationOf(nameof(EndpointAttribute.ExecutionTimeoutMs)), endpoint, Text(timeout));
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
            ? args.ElementLocation(nameof(EndpointAttribute.DataCenters), IndexOf(config.DataCenters, dataCenter))
            : args.LocationOf(nameof(EndpointAttribute.DataCenter));

    private static int IndexOf<T>(EquatableArray<T> items, T item)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(items[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
