using Flash;

namespace FlashApp;

/// <summary>A queue-based endpoint on a GPU: RunPod queues the jobs, each worker takes them one after the other.</summary>
public static class Inference
{
    [Endpoint("inference", Gpu = GpuType.NvidiaGeForceRtx4090, WorkersMax = 2)]
    public static Task<Completion> Complete(Prompt prompt, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(new Completion(prompt.Text + " …and so on.", prompt.Text.Length));
    }
}
