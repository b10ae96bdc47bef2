using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Flash.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Runtime.Benchmarks.ClientCalls;

/// <summary>
/// What a generated client costs per call over a hand-written <see cref="HttpClient"/> call, on the same local server:
/// a <c>/runsync</c> job answered COMPLETED at once, and a load-balanced <c>GET</c> route. One operation is one call.
/// </summary>
// A call takes tens of microseconds on a shared machine: more and longer iterations than the worker benchmarks, and the
// median and the fastest iteration beside the mean, which other load on the machine moves most.
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[WarmupCount(5)]
[IterationCount(30)]
[IterationTime(250)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientCallBenchmarks
{
    private const string ApiKey = "rpa_BENCHMARK0000000000000000";
    private static readonly EchoRequest Request = new("hello", 3);

    /// <summary>The named HttpClient AddFlashClients registers, whose transport the no-network cases replace.</summary>
    private const string FlashClientName = "Flash.Client";

    private FixedAnswerServer _server = null!;
    private HandWrittenCalls _handWritten = null!;
    private FlashClient _flash = null!;
    private IEchoClient _echo = null!;
    private IItemsClient _items = null!;
    private ServiceProvider _services = null!;
    private IEchoClient _echoFromServices = null!;
    private IItemsClient _itemsFromServices = null!;
    private HandWrittenCalls _handWrittenInMemory = null!;
    private ServiceProvider _servicesInMemory = null!;
    private IEchoClient _echoInMemory = null!;
    private IItemsClient _itemsInMemory = null!;
    private HttpClient _plainHttp = null!;
    private FlashClient _plainFlash = null!;
    private IEchoClient _echoPlain = null!;
    private IItemsClient _itemsPlain = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        _server = await FixedAnswerServer.StartAsync();
        _handWritten = new HandWrittenCalls(_server.BaseUrl, ApiKey, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        _flash = new FlashClient(Options(new FlashClientOptions()));
        _echo = _flash.Get<IEchoClient>();
        _items = _flash.Get<IItemsClient>();
        _services = new ServiceCollection().AddFlashClients(options => Options(options)).BuildServiceProvider();
        _echoFromServices = _services.GetRequiredService<IEchoClient>();
        _itemsFromServices = _services.GetRequiredService<IItemsClient>();

        _handWrittenInMemory = new HandWrittenCalls(_server.BaseUrl, ApiKey, new FixedAnswerHandler());
        var inMemory = new ServiceCollection().AddFlashClients(options => Options(options));
        inMemory.AddHttpClient(FlashClientName).ConfigurePrimaryHttpMessageHandler(() => new FixedAnswerHandler());
        _servicesInMemory = inMemory.BuildServiceProvider();
        _echoInMemory = _servicesInMemory.GetRequiredService<IEchoClient>();
        _itemsInMemory = _servicesInMemory.GetRequiredService<IItemsClient>();

        // Flash's own work alone: a FlashClient over an HttpClient without IHttpClientFactory's and the fault handling's handlers.
        _plainHttp = new HttpClient(new FixedAnswerHandler());
        _plainFlash = new FlashClient(_plainHttp, Options(new FlashClientOptions()), configuration: null);
        _echoPlain = _plainFlash.Get<IEchoClient>();
        _itemsPlain = _plainFlash.Get<IItemsClient>();
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

    [BenchmarkCategory("runsync, no network"), Benchmark(Baseline = true, Description = "hand-written")]
    public Task<EchoResult> HandWrittenInMemoryRunSync() => _handWrittenInMemory.EchoAsync(Request);

    [BenchmarkCategory("runsync, no network"), Benchmark(Description = "generated, plain HttpClient")]
    public Task<EchoResult> GeneratedPlainRunSync() => _echoPlain.EchoAsync(Request);

    [BenchmarkCategory("runsync, no network"), Benchmark(Description = "generated, DI")]
    public Task<EchoResult> GeneratedInMemoryRunSync() => _echoInMemory.EchoAsync(Request);

    [BenchmarkCategory("route, no network"), Benchmark(Baseline = true, Description = "hand-written")]
    public Task<Item> HandWrittenInMemoryRoute() => _handWrittenInMemory.ItemAsync(42);

    [BenchmarkCategory("route, no network"), Benchmark(Description = "generated, plain HttpClient")]
    public Task<Item> GeneratedPlainRoute() => _itemsPlain.ItemAsync(42);

    [BenchmarkCategory("route, no network"), Benchmark(Description = "generated, DI")]
    public Task<Item> GeneratedInMemoryRoute() => _itemsInMemory.ItemAsync(42);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _services.DisposeAsync();
        await _servicesInMemory.DisposeAsync();
        _handWrittenInMemory.Dispose();
        _flash.Dispose();
        _plainFlash.Dispose();
        _plainHttp.Dispose();
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
