using BenchmarkDotNet.Attributes;
using Flash.FakeRunPod.Jobs;

namespace Flash.Runtime.Benchmarks;

/// <summary>
/// Cold start of a real worker process: from process start to its first result posted to the local fake job
/// server, for the JIT build and the Native AOT binary of samples/Quickstart. Peak memory (VmHWM) at that moment is
/// printed at the end. The process is stopped after each measurement, outside it.
/// </summary>
[InvocationCount(1, 1)]
public class ColdStartBenchmarks
{
    private readonly List<long> _peakKb = [];
    private FakeJobServer _fake = null!;
    private SampleWorker? _worker;
    private int _job;

    [Params("jit", "aot")]
    public string Build { get; set; } = "jit";

    [GlobalSetup]
    public async Task StartAsync()
    {
        SampleWorker.Require(Build);
        _fake = await FakeJobServer.StartAsync();
        _fake.RecordRequests = false;
    }

    [Benchmark]
    public async Task FirstResultPosted()
    {
        var target = _fake.ResultCount + 1;
        _fake.Enqueue("cold-" + _job++, """{"data": {"text": "hello"}}""");
        _worker = SampleWorker.Start(Build, _fake, "large-temp-storage");
        await _fake.WaitForResultCountAsync(target, TimeSpan.FromMinutes(1));
        _peakKb.Add(_worker.PeakKb);
    }

    [IterationCleanup]
    public void Stop()
    {
        _worker?.Dispose();
        _worker = null;
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _fake.DisposeAsync();
        Report.PeakMemory($"{Build} cold start", _peakKb);
    }
}
