using Flash;

namespace FlashApp;

/// <summary>A queue-based endpoint on CPU workers, for the work that needs no GPU.</summary>
public static class Stats
{
    [Endpoint("stats", Cpu = CpuInstanceType.Cpu3c_1_2)]
    public static TextStats Count(string text) =>
        new(text.Length, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
}
