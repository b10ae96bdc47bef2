using Flash.Cli.Commands;
using Flash.Client;
using Flash.Manifest;

namespace Flash.Cli.Deploy;

/// <summary>
/// The variables <c>flash deploy</c> gives each endpoint: <c>FLASH_ENDPOINT_&lt;PEER&gt;</c> with the id of every other
/// endpoint of the app, named as the clients look them up (<see cref="EndpointSettings.VariableOf"/>).
/// </summary>
internal static class PeerVariables
{
    /// <summary>
    /// Refuses, before any request, an app whose own Env sets a peer's variable, or two of whose endpoint names give the
    /// same variable: flash would have to overwrite the app's value or one peer's id with another's.
    /// </summary>
    public static void ThrowOnCollision(IReadOnlyList<EndpointDefinition> endpoints)
    {
        var problems = new List<string>();
        foreach (var group in endpoints.GroupBy(e => EndpointSettings.VariableOf(e.Name), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(
                $"Endpoints {string.Join(" and ", group.Select(e => $"'{e.Name}'"))} would both be given to the others as {group.Key}. " +
                "Rename one so that the names differ in a letter or digit.");
        }

        foreach (var endpoint in endpoints)
        {
            foreach (var peer in endpoints.Where(p => p.Name != endpoint.Name))
            {
                var variable = EndpointSettings.VariableOf(peer.Name);
                if (endpoint.Env.Any(kv => kv.Key == variable))
                {
                    problems.Add(
                        $"Endpoint '{endpoint.Name}' sets {variable} in its Env, but flash deploy sets that variable to the id of the app's endpoint " +
                        $"'{peer.Name}'. Remove it from Env: the deployed workers get the id.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new FlashCliException(string.Join("\n", problems) + "\nNothing was sent.");
        }
    }
}
