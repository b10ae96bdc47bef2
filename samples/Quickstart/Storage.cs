using Flash;

[assembly: NetworkVolume("model-cache", SizeGb = 100, DataCenter = DataCenter.UsGa2)]
[assembly: NetworkVolume("models-us", SizeGb = 100, DataCenter = DataCenter.UsCa2)]
[assembly: NetworkVolume("models-eu", SizeGb = 100, DataCenter = DataCenter.EuRo1)]
[assembly: NetworkVolume("model-storage")]

namespace Quickstart;

/// <summary>Queue-based endpoints: one method each, called with the job's input.</summary>
public static class Storage
{
    [Endpoint("large-temp-storage", Gpu = GpuType.NvidiaA100_80GbPcie, ContainerDiskInGb = 100)]
    public static async Task<Result> Process(Request data, CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        return new Result($"processed {data.Text}", data.Text.Length);
    }

    [Endpoint("persistent-storage", Gpu = GpuType.NvidiaA100_80GbPcie, DataCenter = DataCenter.UsGa2, Volume = "model-cache")]
    public static Task<Result> Persist(Request data) =>
        Task.FromResult(new Result($"persisted {data.Text} to /runpod-volume/", data.Text.Length));

    [Endpoint("global-inference", Gpu = GpuType.NvidiaA100_80GbPcie,
              DataCenters = [DataCenter.UsCa2, DataCenter.EuRo1], Volumes = ["models-us", "models-eu"])]
    public static Task<Result> Infer(Request data) =>
        Task.FromResult(new Result($"inferred {data.Text}", data.Text.Length));
}
