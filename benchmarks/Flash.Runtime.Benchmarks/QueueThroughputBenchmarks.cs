using BenchmarkDotNet.Attributes;
using Flash.FakeRunPod.Jobs;
using Flash.Workers;
using Flash.Workers.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flash.Runtime.Benchmarks;

/// <summary>
/// Jobs per second through the whole queue protocol: take over HTTP from the local fake job server, bind, run a
/// trivial handler, post the result over HTTP. One operation is one job (each invocation runs a batch of them).
/// </summary>
[MemoryDiagnoser]
public class QueueThroughputBenchmarks
{
    private const int JobsPerInvocation = 200;

    private FakeJobServer _fake = null!;
    private JobApi _api = null!;
    private CancellationTokenSource _stopping = null!;
    private Task _worker = null!;
    private int _next;

    /// <summary>The endpoint's MaxConcurrency: 1 takes one job at a time, 8 takes batches.</summary>
    [Params(1, 8)]
    public int MaxConcurrency { get; set; }

    [GlobalSetup]
    public async Task StartAsync()
    {
        _fake = await FakeJobServer.StartAsync();
        _fake.RecordRequests = false;
        var settings = QueueSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(_fake.WorkerEnvironment(apiKey: null)).Build())! with
        {
            IdlePollInterval = TimeSpan.FromMilliseconds(1),
        };
        var endpoint = FlashManifest.Registry.Find(MaxConcurrency == 1 ? "echo" : "echo-8")!;
        var runner = EndpointRunner.Create(endpoint, FlashJson.CreateOptions(FlashManifest.Registry.JsonResolver), new ServiceCollection().BuildServiceProvider());
        _api = new JobApi(settings, NullLogger.Instance);
        _stopping = new CancellationTokenSource();
        _worker = new QueueWorker(runner, settings, _api, NullLogger.Instance).RunAsync(_stopping.Token);
    }

    [Benchmark(OperationsPerInvoke = JobsPerInvocation)]
    public async Task Job()
    {
        var target = _fake.ResultCount + JobsPerInvocation;
        for (var i = 0; i < JobsPerInvocation; i++)
        {
            _fake.Enqueue("job-" + _next++, """{"text": "hi"}""");
        }

        await _fake.WaitForResultCountAsync(target, TimeSpan.FromMinutes(1));
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _worker;
        _api.Dispose();
        await _fake.DisposeAsync();
    }
}
