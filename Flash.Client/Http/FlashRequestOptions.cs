namespace Flash.Client;

/// <summary>What a request tells the fault handling about itself.</summary>
internal static class FlashRequestOptions
{
    /// <summary>Set on a request that may be sent again after a fault (a POST to <c>/cancel</c>); GETs are by nature.</summary>
    public static readonly HttpRequestOptionsKey<bool> Repeatable = new("Flash.Repeatable");

    /// <summary>Set on a poll inside a wait: the wait counts its faults on its own schedule, so the handler must not retry it.</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("Flash.NoRetry");
}
