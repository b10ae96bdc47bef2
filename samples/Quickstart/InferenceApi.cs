using Flash;

namespace Quickstart;

/// <summary>A load-balanced endpoint: HTTP routes served by the workers directly.</summary>
[Endpoint("inference-api", Gpu = GpuType.NvidiaGeForceRtx4090, Volume = "model-storage", WorkersMin = 1, WorkersMax = 5)]
public sealed class InferenceApi
{
    [Post("/generate")]
    public Task<Generated> Generate(string prompt) => Task.FromResult(new Generated(prompt + " …and so on."));

    [Get("/models")]
    public string[] Models() => ["quickstart-small", "quickstart-large"];
}

/// <summary>The text the API generated.</summary>
public sealed record Generated(string Text);
