namespace Flash.Runtime.Benchmarks;

/// <summary>Handlers that do nothing, so the benchmarks measure the runtime and the protocol.</summary>
public static class TrivialEndpoints
{
    [Endpoint("echo")]
    public static string Echo(string text) => text;

    [Endpoint("echo-8", MaxConcurrency = 8)]
    public static string EchoEight(string text) => text;
}
