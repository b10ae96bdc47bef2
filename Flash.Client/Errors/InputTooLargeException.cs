namespace Flash.Client;

/// <summary>The job input is larger than RunPod accepts (10 MB for <c>/run</c>, 20 MB for <c>/runsync</c>); nothing was sent.</summary>
/// <param name="message">The size, the limit, and what to do.</param>
/// <param name="endpoint">The endpoint as messages name it.</param>
/// <param name="size">The request body's size in bytes.</param>
/// <param name="limit">The limit in bytes.</param>
public sealed class InputTooLargeException(string message, string endpoint, long size, long limit)
    : FlashClientException(message, endpoint)
{
    /// <summary>The request body's size in bytes.</summary>
    public long Size { get; } = size;

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; } = limit;
}
