namespace Flash.Client;

/// <summary>RunPod's limits on a request body, in bytes: clients check them before sending, the local RunPod enforces them.</summary>
internal static class PayloadLimits
{
    /// <summary>The largest <c>/run</c> body (10 MB).</summary>
    public const long Run = 10 * 1024 * 1024;

    /// <summary>The largest <c>/runsync</c> body (20 MB).</summary>
    public const long RunSync = 20 * 1024 * 1024;
}
