namespace Flash;

/// <summary>The signal RunPod scales an endpoint's workers by. No member is 0.</summary>
public enum ScalerType
{
    /// <summary>QUEUE_DELAY: scale when jobs wait longer than the scaler value in seconds (queue-based default).</summary>
    QueueDelay = 1,
    /// <summary>REQUEST_COUNT: scale by pending requests per worker (load-balanced default).</summary>
    RequestCount,
}
