using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Flash.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Runtime.Benchmarks.ClientCalls;

/// <summary>
/// What a generated client costs per call over a hand-written <see cref="HttpClient"/> call, on the same local server:
/// a <c>/runsync</c> job answered COMPLETED at once, and a load-balanced <c>GET</c> route. One operation is one call.
/// </summary>
// A call takes tens of microseconds on a shared machine: more and longer iterations than the worker benchmarks, so a
// difference of a few percent is above the noise.
[MemoryDiagnoser]
[WarmupCount(5)]
[IterationCount(30)]
[IterationTime(250)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientCallBenchmarks
{
    private const string ApiKey = "rpa_BENCHMARK0000000000000000";
    private static readonly EchoRequest Request = new("hello", 3);

    private FixedAnswerServer _server = null!;
    private HandWrittenCalls _handWritten = null!;
    private FlashClient _flash = null!;
    private IEchoClient _echo = null!;
    private IItemsClient _items = null!;
    private ServiceProvider _services = null!;
    private IEchoClient _echoFromServices = null!;
    private IItemsClient _itemsFromServices = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        _server = await FixedAnswerServer.StartAsync();
        _handWritten = new HandWrittenCalls(_server.BaseUrl, ApiKey);
        _flash = new FlashClient(Options(new FlashClientOptions()));
        _echo = _flash.Get<IEchoClient>();
        _items = _flash.Get<IItemsClient>();
        _services = new ServiceCollection().AddFlashClients(options => Options(options)).BuildServiceProvider();
        _echoFromServices = _services.GetRequiredService<IEchoClient>();
        _itemsFromServices = _services.GetRequiredService<IItemsClient>();
    }

    [BenchmarkCategory("runsync"), Benchmark(Baseline = true, Description = "hand-written")]
    public Task<EchoResult> HandWrittenRunSync() => _handWritten.EchoAsync(Request);

    [BenchmarkCategory("runsync"), Benchmark(Description = "generated")]
    public Task<EchoResult> GeneratedRunSync() => _echo.EchoAsync(Request);

    [BenchmarkCategory("runsync"), Benchmark(Description = "generated, DI")]
    public Task<EchoResult> GeneratedFromServicesRunSync() => _echoFromServices.EchoAsync(Request);

    [BenchmarkCategory("route"), Benchmark(Baseline = true, Description = "hand-written")]
    public Task<Item> HandWrittenRoute() => _handWritten.ItemAsync(42);

    [BenchmarkCategory("route"), Benchmark(Description = "generated")]
    public Task<Item> GeneratedRoute() => _items.ItemAsync(42);

    [BenchmarkCategory("route"), Benchmark(Description = "generated, DI")]
    public Task<Item> GeneratedFromServicesRoute() => _itemsFromServices.ItemAsync(42);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _services.DisposeAsync();
        _flash.Dispose();
        _handWritten.Dispose();
        await _server.DisposeAsync();
    }

    private FlashClientOptions Options(FlashClientOptions options)
    {
        options.ApiKey = ApiKey;
        options.Endpoints["echo"] = _server.BaseUrl + "/v2/echo";
        options.Endpoints["api"] = _server.BaseUrl + "/v2/api";
        return options;
    }
}
