namespace Flash.Manifest;

/// <summary>
/// The variables <c>flash deploy</c> sets on every worker of an app, and by which the worker knows its endpoint. The
/// runtime and the <c>flash</c> tool both compile this file, so the two sides name them once.
/// </summary>
internal static class WorkerVariables
{
    /// <summary>The name of the endpoint the worker serves.</summary>
    public const string ResourceName = "FLASH_RESOURCE_NAME";

    /// <summary>The app the worker belongs to (its assembly name).</summary>
    public const string App = "FLASH_APP";
}
