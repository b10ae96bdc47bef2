using System.Collections.Generic;

namespace Flash.Manifest;

/// <summary>
/// The environment variables <c>flash deploy</c> sets on every worker of an app. The worker reads them; an endpoint's
/// own Env may not set them (FLASH603), or the deployed worker would serve another endpoint or app than its name says.
/// </summary>
internal static class WorkerVariables
{
    /// <summary>The endpoint a worker serves.</summary>
    public const string ResourceName = "FLASH_RESOURCE_NAME";

    /// <summary>The app the worker belongs to.</summary>
    public const string App = "FLASH_APP";

    /// <summary>Every variable flash sets itself.</summary>
    public static readonly IReadOnlyList<string> Reserved = new[] { ResourceName, App };
}
