using System.Collections.Generic;
using Flash.Client;

namespace Flash.Manifest;

/// <summary>
/// The environment variables <c>flash deploy</c> sets on every worker of an app. The worker reads them; an endpoint's
/// own Env may not set them (FLASH603), or the deployed worker would serve another endpoint, app or environment than
/// its name says.
/// </summary>
internal static class WorkerVariables
{
    /// <summary>The endpoint a worker serves.</summary>
    public const string ResourceName = "FLASH_RESOURCE_NAME";

    /// <summary>The app the worker belongs to.</summary>
    public const string App = "FLASH_APP";

    /// <summary>The deployment environment of the worker's endpoint; set on every environment but production.</summary>
    public const string Environment = EndpointSettings.EnvironmentVariable;

    /// <summary>Every variable flash sets itself with a fixed name (the peers' <c>FLASH_ENDPOINT_*</c> follow endpoint names).</summary>
    public static readonly IReadOnlyList<string> Reserved = new[] { ResourceName, App, Environment };
}
