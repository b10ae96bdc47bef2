using System.Diagnostics;
using Flash.Client;

namespace Flash.Tests.EndToEnd;

/// <summary>
/// Flash clients of a running flash dev, found through <see cref="FlashClientOptions.DevUrl"/> alone: no variables, and
/// a home and current directory with no key or state file, so the machine's settings play no part. Pauses shortened.
/// </summary>
internal static class DevClients
{
    /// <summary>Polls from 20 ms, ×1.5, at most 100 ms; 5 failed polls survived; retries from 300 ms.</summary>
    public static readonly FlashTiming Timing = new(TimeSpan.FromMilliseconds(20), 1.5, TimeSpan.FromMilliseconds(100), 5, TimeSpan.FromMilliseconds(300));

    private static readonly string Nowhere = Path.Combine(Path.GetTempPath(), "flash-end-to-end-" + Guid.NewGuid().ToString("N"));

    /// <summary>A client of the flash dev (or proxy) at <paramref name="devUrl"/>.</summary>
    public static FlashClient For(string devUrl, string? apiKey = null) =>
        new(new FlashClientOptions { DevUrl = new Uri(devUrl), ApiKey = apiKey }, null, new ClientEnvironment(_ => null, Nowhere, Nowhere), Timing, null);

    /// <summary>How many jobs of <paramref name="endpoint"/> flash dev holds in each state, from its <c>/health</c>.</summary>
    public static async Task<int> JobCountAsync(FlashClient flash, string endpoint, string state)
    {
        var health = await flash.Endpoint(EndpointAddress.Named(endpoint, EndpointKind.QueueBased)).HealthAsync();
        return health.GetProperty("jobs").GetProperty(state).GetInt32();
    }

    /// <summary>Asks for a job's status until it is <paramref name="state"/>; fails after 30 s (a hang guard).</summary>
    public static async Task WaitForStateAsync<T>(FlashJob<T> job, JobState state)
    {
        var deadline = Stopwatch.StartNew();
        JobState current;
        while ((current = (await job.StatusAsync()).State) != state)
        {
            Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), $"{job} never reached {state}; last: {current}");
            await Task.Delay(20);
        }
    }
}
