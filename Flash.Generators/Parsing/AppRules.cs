using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Flash.Manifest;
using Flash.Manifest.Rules;
using Flash.Platform;

namespace Flash.Generators.Parsing;

/// <summary>An endpoint model with its attribute's arguments, for rules that look at several declarations.</summary>
/// <param name="Endpoint">The parsed endpoint.</param>
/// <param name="Arguments">Its [Endpoint] arguments, to locate problems.</param>
internal sealed record DeclaredEndpoint(EndpointModel Endpoint, AttributeArguments Arguments);

/// <summary>A volume model with its attribute's arguments.</summary>
/// <param name="Volume">The parsed volume.</param>
/// <param name="Arguments">Its [NetworkVolume] arguments, to locate problems.</param>
internal sealed record DeclaredVolume(VolumeModel Volume, AttributeArguments Arguments);

/// <summary>The volumes of the app, found by the name or id endpoints use.</summary>
internal sealed class VolumeIndex
{
    private readonly Dictionary<string, List<VolumeModel>> _byKey = new(System.StringComparer.Ordinal);

    public VolumeIndex(IEnumerable<VolumeModel> volumes)
    {
        foreach (var volume in volumes)
        {
            foreach (var key in new[] { volume.Name, volume.Id })
            {
                if (key is null)
                {
                    continue;
                }

                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey.Add(key, list = new List<VolumeModel>());
                }

                if (!list.Any(v => v.DataCenter == volume.DataCenter))
                {
                    list.Add(volume);
                }
            }
        }
    }

    /// <summary>The volumes a reference names: none, one, or several in different datacenters (ambiguous).</summary>
    public IReadOnlyList<VolumeModel> Find(string reference) =>
        _byKey.TryGetValue(reference, out var volumes) ? volumes : (IReadOnlyList<VolumeModel>)System.Array.Empty<VolumeModel>();
}

/// <summary>The rules between declarations: volume declarations among themselves, and the app as a whole.</summary>
internal static class AppRules
{
    /// <summary>Two declarations of one volume (same name or id, same datacenter).</summary>
    public static void CheckVolumes(IReadOnlyList<DeclaredVolume> volumes, List<Problem> problems)
    {
        var seen = new HashSet<(string, DataCenter?)>();
        foreach (var declared in volumes)
        {
            var volume = declared.Volume;
            if (volume.Key.Length > 0 && !seen.Add((volume.Key, volume.DataCenter)))
            {
                problems.Add(Problem.Create(ProblemId.DuplicateVolume, declared.Arguments.Location, volume.Key,
                    volume.DataCenter is { } dc ? DataCenterCatalog.Id(dc) : "an unknown datacenter"));
            }
        }
    }

    /// <summary>
    /// Endpoint names used twice or differing only in case, and methods that two endpoints name as their entry (every declaration is reported),
    /// and volumes no endpoint attaches.
    /// </summary>
    public static void CheckApp(IReadOnlyList<DeclaredEndpoint> endpoints, IReadOnlyList<DeclaredVolume> volumes, List<Problem> problems)
    {
        foreach (var group in endpoints.Where(e => e.Endpoint.Name.Length > 0).GroupBy(e => e.Endpoint.Name, System.StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                foreach (var declared in group)
                {
                    problems.Add(Problem.Create(ProblemId.DuplicateEndpointName, declared.Arguments.NameLocation, declared.Endpoint.Name));
                }
            }
        }

        foreach (var group in endpoints.Where(e => e.Endpoint.Name.Length > 0).GroupBy(e => e.Endpoint.Name, EndpointNames.Comparer))
        {
            foreach (var declared in group)
            {
                if (group.FirstOrDefault(e => e.Endpoint.Name != declared.Endpoint.Name) is { } other)
                {
                    problems.Add(Problem.Create(ProblemId.EndpointNamesDifferInCase, declared.Arguments.NameLocation, declared.Endpoint.Name, other.Endpoint.Name));
                }
            }
        }

        var byEntry = endpoints
            .Where(e => e.Endpoint.Kind == EndpointKind.QueueFunction && e.Endpoint.Functions.Count == 1)
            .GroupBy(e => e.Endpoint.Type.MetadataName + "." + e.Endpoint.Functions[0].Name, System.StringComparer.Ordinal);
        foreach (var group in byEntry.Where(g => g.Count() > 1))
        {
            foreach (var declared in group)
            {
                var others = string.Join("', '", group.Where(e => e != declared).Select(e => e.Endpoint.Name));
                problems.Add(Problem.Create(ProblemId.SameFunctionInTwoEndpoints, declared.Arguments.Location, declared.Endpoint.Name, group.Key, others));
            }
        }

        var attached = new HashSet<string>(endpoints.SelectMany(e => e.Endpoint.Config.Volumes), System.StringComparer.Ordinal);
        foreach (var declared in volumes)
        {
            var volume = declared.Volume;
            if (volume.Key.Length > 0 && !(volume.Name is { } name && attached.Contains(name)) && !(volume.Id is { } id && attached.Contains(id)))
            {
                problems.Add(Problem.Create(ProblemId.VolumeNotAttached, declared.Arguments.Location, volume.Key));
            }
        }
    }
}
