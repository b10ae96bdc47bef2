namespace Flash.Workers;

/// <summary>
/// Methods that went on running after their job ended (past the execution timeout, or cancelled) because they ignore
/// their cancellation token. Each gets <c>FLASH_TIMEOUT_GRACE_MS</c> to return; one still running then is stuck: it
/// holds a thread (and whatever it was using) until it returns, which is why each mode reports it (queue worker:
/// exits so RunPod replaces it; load-balanced: /ping answers 503; dev server: /health counts it unhealthy).
/// </summary>
internal sealed class OverrunMethods(TimeSpan grace)
{
    private int _stuck;

    /// <summary>The grace a method gets after its job ended.</summary>
    public TimeSpan Grace { get; } = grace;

    /// <summary>How many methods are stuck now (past the grace and still running).</summary>
    public int Stuck => Volatile.Read(ref _stuck);

    /// <summary>
    /// Waits until <paramref name="method"/> returns or the grace is over. False when it is still running then; it
    /// counts as stuck until it returns.
    /// </summary>
    public async Task<bool> WaitAsync(Task method)
    {
        try
        {
            // WhenAny: the method's own failure was already reported with its job; only its end matters here.
            await Task.WhenAny(method).WaitAsync(Grace).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _stuck);
            _ = method.ContinueWith(_ => Interlocked.Decrement(ref _stuck), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return false;
        }
    }
}
