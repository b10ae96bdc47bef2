using BenchmarkDotNet.Attributes;
using Flash.FakeRunPod.Jobs;

namespace Flash.Runtime.Benchmarks;

/// <summary>
/// Jobs per second of a real worker process (samples/Quickstart's global-inference endpoint, a trivial handler,
/// MaxConcurrency 1) through the whole protocol against the local fake job server, JIT and Native AOT.
/// One operation is one job.
/// </summary>
public class ProcessThroughputBenchmarks
{
    private const int JobsPerInvocation = 200;

    private readonly List<long> _peakKb = [];
    private FakeJobServer _fake = null!;
    private SampleWorker _worker = null!;
    private int _next;

    [Params("jit", "aot")]
    public string Build { get; set; } = "jit";

    [GlobalSetup]
    public async Task StartAsync()
    {
        SampleWorker.Require(Build);
        _fake = await FakeJobServer.StartAsync();
        _fake.RecordRequests = false;
        _worker = SampleWorker.Start(Build, _fake, "global-inference");
    }

    [Benchmark(OperationsPerInvoke = JobsPerInvocation)]
    public async Task Job()
    {
        var target = _fake.ResultCount + JobsPerInvocation;
        for (var i = 0; i < JobsPerInvocation; i++)
        {
            _fake.Enqueue("job-" + _next++, """{"data": {"text": "hi"}}""");
        }

        await _fake.WaitForResultCountAsync(target, TimeSpan.FromMinutes(1));
        _peakKb.Add(_worker.PeakKb);
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        _worker.Dispose();
        await _fake.DisposeAsync();
        Report.PeakMemory($"{Build} worker under load", _peakKb);
    }
}
