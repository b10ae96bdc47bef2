using System.Runtime.CompilerServices;
using Flash;

namespace Quickstart;

/// <summary>A streaming endpoint: each word is sent to the caller as soon as it is ready, then the whole list.</summary>
public static class Streaming
{
    [Endpoint("word-stream", Cpu = CpuInstanceType.Cpu3c_2_4, MaxConcurrency = 4)]
    public static async IAsyncEnumerable<string> Words(Request data, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var word in data.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            yield return word;
        }
    }
}
