using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flash.Platform;

namespace Flash.Manifest.Rules;

/// <summary>
/// A rule broken by one of an endpoint's values. The analyzers report it on the attribute argument that wrote
/// <see cref="Property"/>; flash reports it on the manifest field that holds it.
/// </summary>
/// <param name="Problem">Which rule.</param>
/// <param name="Property">The <see cref="EndpointDefinition"/> property at fault (<see cref="NameProperty"/> for the name).</param>
/// <param name="Element">For a list, the element at fault (a datacenter, an environment variable name); else null.</param>
/// <param name="Arguments">The values the rule's message names.</param>
/// <param name="FixValue">A value a code fix can write instead, or null.</param>
internal sealed record Violation(ProblemId Problem, string Property, object? Element, string[] Arguments, string? FixValue = null)
{
    /// <summary>The property name a violation of the endpoint's name carries.</summary>
    public const string NameProperty = nameof(EndpointDefinition.Name);
}

/// <summary>
/// The rules over an endpoint's final values, written once for the analyzers (which know what the user wrote) and for
/// flash (which reads a manifest where every value counts as written): name, image, compute, placement, scaling and
/// environment. Rules about how a declaration is written (a setting given twice, a GPU setting on a CPU endpoint) stay
/// with the parser.
/// </summary>
internal static class EndpointValueRules
{
    /// <summary>Every rule <paramref name="endpoint"/> breaks.</summary>
    /// <param name="endpoint">The final values.</param>
    /// <param name="written">Whether the user wrote the value of a property; a default is never at fault.</param>
    public static IEnumerable<Violation> Check(EndpointDefinition endpoint, Func<string, bool> written)
    {
        var name = endpoint.Name;
        if (EndpointNames.Problem(name) is { } nameProblem)
        {
            yield return new Violation(ProblemId.InvalidEndpointName, Violation.NameProperty, null, [name, nameProblem, EndpointNames.Rule]);
        }

        if (endpoint.Image is { } image && ImageReferences.Problem(image) is { } imageProblem)
        {
            yield return new Violation(ProblemId.InvalidImageReference, nameof(endpoint.Image), null, [name, image, imageProblem, ImageReferences.Form]);
        }

        foreach (var violation in Compute(endpoint, written).Concat(Scaling(endpoint, written)).Concat(Environment(endpoint)))
        {
            yield return violation;
        }
    }

    private static IEnumerable<Violation> Compute(EndpointDefinition endpoint, Func<string, bool> written)
    {
        var name = endpoint.Name;
        var disk = endpoint.ContainerDiskInGb;
        if (written(nameof(endpoint.ContainerDiskInGb)))
        {
            if (disk <= 0)
            {
                yield return new Violation(ProblemId.ContainerDiskNotPositive, nameof(endpoint.ContainerDiskInGb), null, [name, Text(disk)]);
            }
            else if (endpoint.InstanceTypes.Where(CpuCatalog.IsDefined).ToList() is { Count: > 0 } cpus)
            {
                var limiting = CpuCatalog.LimitingType(cpus);
                var limit = CpuCatalog.MaxContainerDiskGb(limiting);
                if (disk > limit)
                {
                    yield return new Violation(ProblemId.CpuContainerDiskAboveLimit, nameof(endpoint.ContainerDiskInGb), null,
                        [name, Text(disk), CpuCatalog.Id(limiting), Text(limit), Text(limit / CpuCatalog.VCpu(limiting))], FixValue: Text(limit));
                }
            }
        }

        if (endpoint.IsCpu)
        {
            foreach (var dataCenter in endpoint.Locations.Where(dc => DataCenterCatalog.IsDefined(dc) && !DataCenterCatalog.CpuDataCenters.Contains(dc)))
            {
                yield return new Violation(ProblemId.CpuEndpointOutsideCpuDataCenter, nameof(endpoint.Locations), dataCenter, [name, DataCenterCatalog.Id(dataCenter)]);
            }
        }

        if (endpoint.GpuCount is { } gpus && gpus < 1)
        {
            yield return new Violation(ProblemId.GpuCountBelowOne, nameof(endpoint.GpuCount), null, [name, Text(gpus)]);
        }
    }

    private static IEnumerable<Violation> Scaling(EndpointDefinition endpoint, Func<string, bool> written)
    {
        var name = endpoint.Name;
        var min = endpoint.WorkersMin;
        var max = endpoint.WorkersMax;
        foreach (var (property, value) in new[] { (nameof(endpoint.WorkersMin), min), (nameof(endpoint.WorkersMax), max) })
        {
            if (value < 0)
            {
                yield return new Violation(ProblemId.WorkersNegative, property, null, [name, property, Text(value)]);
            }
        }

        if (min >= 0 && max >= 0)
        {
            if (min > max)
            {
                var property = written(nameof(endpoint.WorkersMin)) ? nameof(endpoint.WorkersMin) : nameof(endpoint.WorkersMax);
                yield return new Violation(ProblemId.WorkersMinAboveMax, property, null, [name, Text(min), Text(max)]);
            }
            else if (max == 0)
            {
                yield return new Violation(ProblemId.WorkersMaxZero, nameof(endpoint.WorkersMax), null, [name]);
            }
        }

        var idle = endpoint.IdleTimeoutSeconds;
        if (idle < PlatformDefaults.IdleTimeoutMinSeconds || idle > PlatformDefaults.IdleTimeoutMaxSeconds)
        {
            yield return new Violation(ProblemId.IdleTimeoutOutOfRange, nameof(endpoint.IdleTimeoutSeconds), null,
                [name, Text(idle), Text(PlatformDefaults.IdleTimeoutMinSeconds), Text(PlatformDefaults.IdleTimeoutMaxSeconds)]);
        }

        if (endpoint.MaxConcurrency is { } concurrency && concurrency < 1)
        {
            yield return new Violation(ProblemId.MaxConcurrencyBelowOne, nameof(endpoint.MaxConcurrency), null, [name, Text(concurrency)]);
        }

        if (endpoint.IsLoadBalanced && endpoint.ScalerType == ScalerType.QueueDelay)
        {
            yield return new Violation(ProblemId.QueueDelayOnLoadBalanced, nameof(endpoint.ScalerType), null, [name]);
        }

        if (endpoint.ScalerValue < 1)
        {
            yield return new Violation(ProblemId.ScalerValueBelowOne, nameof(endpoint.ScalerValue), null, [name, Text(endpoint.ScalerValue)]);
        }

        if (endpoint.ExecutionTimeoutMs < 0)
        {
            yield return new Violation(ProblemId.ExecutionTimeoutNegative, nameof(endpoint.ExecutionTimeoutMs), null, [name, Text(endpoint.ExecutionTimeoutMs)]);
        }
    }

    private static IEnumerable<Violation> Environment(EndpointDefinition endpoint)
    {
        foreach (var variable in endpoint.Env.Where(v => WorkerVariables.Reserved.Contains(v.Key)))
        {
            yield return new Violation(ProblemId.ReservedEnvName, nameof(endpoint.Env), variable.Key, [endpoint.Name, variable.Key]);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
