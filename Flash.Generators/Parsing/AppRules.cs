using System.Collections.Generic;
using System.Linq;
using Flash.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flash.Generators.Parsing;

/// <summary>An endpoint model with the location of its declaration, for rules that span declarations.</summary>
/// <param name="Endpoint">The parsed endpoint.</param>
/// <param name="Location">Its [Endpoint] attribute.</param>
internal sealed record DeclaredEndpoint(EndpointModel Endpoint, Location? Location);

/// <summary>The rules that need every declaration of the app at once: names and volume references.</summary>
internal static class AppRules
{
    public static void Check(IReadOnlyList<DeclaredEndpoint> endpoints, IReadOnlyList<VolumeModel> volumes, List<Problem> problems)
    {
        foreach (var group in endpoints.Where(e => e.Endpoint.Name.Length > 0).GroupBy(e => e.Endpoint.Name, System.StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                foreach (var declared in group)
                {
                    problems.Add(Problem.Create(ProblemId.DuplicateEndpointName, declared.Location, declared.Endpoint.Name));
                }
            }
        }

        var known = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var volume in volumes)
        {
            if (volume.Name is { } name)
            {
                known.Add(name);
            }

            if (volume.Id is { } id)
            {
                known.Add(id);
            }
        }

        foreach (var declared in endpoints)
        {
            foreach (var reference in declared.Endpoint.Config.Volumes.Where(v => !known.Contains(v)).Distinct())
            {
                problems.Add(Problem.Create(ProblemId.UnknownVolume, declared.Location, declared.Endpoint.Name, reference));
            }
        }
    }
}
