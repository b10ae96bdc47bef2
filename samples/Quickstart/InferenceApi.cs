using Flash;
using Microsoft.Extensions.Logging;

namespace Quickstart;

/// <summary>
/// A load-balanced endpoint: HTTP routes served by the workers directly. One instance per worker; its constructor's
/// parameters come from the app's services (here the logger every .NET host registers).
/// </summary>
[Endpoint("inference-api", Gpu = GpuType.NvidiaGeForceRtx4090, Volume = "model-storage", WorkersMin = 1, WorkersMax = 5)]
public sealed class InferenceApi(ILogger<InferenceApi> logger)
{
    [Post("/generate")]
    public Task<Generated> Generate(string prompt)
    {
        logger.LogInformation("Generating for a prompt of {Length} characters", prompt.Length);
        return Task.FromResult(new Generated(prompt + " …and so on."));
    }

    [Get("/models")]
    public string[] Models() => ["quickstart-small", "quickstart-large"];
}
