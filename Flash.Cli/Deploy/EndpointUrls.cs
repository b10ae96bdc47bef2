using Flash.Cli.Manifest;
using Flash.Cli.RunPod;

namespace Flash.Cli.Deploy;

/// <summary>How a deployed endpoint is called: /runsync for a queue-based one, each route for a load-balanced one.</summary>
internal static class EndpointUrls
{
    /// <summary>Lines such as <c>POST https://api.runpod.ai/v2/ID/runsync</c>.</summary>
    public static IReadOnlyList<string> Of(string type, string endpointId, IReadOnlyList<string> routes, ApiSettings settings)
    {
        if (type != ManifestValues.LoadBalanced)
        {
            return [$"POST {settings.RunSyncUrl(endpointId)}"];
        }

        var host = settings.LoadBalancerUrl(endpointId);
        return routes.Select(route =>
        {
            var space = route.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? host + route : $"{route[..space]} {host}{route[(space + 1)..]}";
        }).ToList();
    }
}
