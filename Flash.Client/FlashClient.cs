using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;

namespace Flash.Client;

/// <summary>
/// The connection to RunPod's endpoint API that every Flash client shares: the API key, where endpoints are, one
/// <see cref="HttpClient"/> with transient-fault handling. With dependency injection, <c>services.AddFlashClients()</c>
/// registers it; without, create one and keep it for the app's lifetime.
/// </summary>
public sealed class FlashClient : IDisposable
{
    /// <summary>How long a pooled connection lives, so DNS changes are seen (what IHttpClientFactory does for its clients).</summary>
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(2);

    private readonly HttpClient? _ownHttpClient;
    private readonly Func<HttpClient> _httpClient;
    private readonly IConfiguration? _configuration;
    private readonly ClientEnvironment _environment;
    private readonly ConcurrentDictionary<Type, object> _clients = new();
    private readonly object _keyGate = new();
    private ApiKey? _key;

    /// <summary>A client with its own <see cref="HttpClient"/>, every setting from the environment.</summary>
    public FlashClient()
        : this(new FlashClientOptions())
    {
    }

    /// <summary>A client with its own <see cref="HttpClient"/> (and the same fault handling <c>AddFlashClients</c> sets up).</summary>
    /// <param name="options">Settings; what they leave out comes from the environment.</param>
    public FlashClient(FlashClientOptions options)
        : this(options, null, ClientEnvironment.Process, FlashTiming.Default, null)
    {
    }

    /// <summary>A client over an <see cref="HttpClient"/> made elsewhere (by <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client; its handler chain should carry Flash's fault handling.</param>
    /// <param name="options">Settings.</param>
    /// <param name="configuration">Configuration to read <c>Flash:*</c> settings from, or null.</param>
    public FlashClient(HttpClient httpClient, FlashClientOptions options, IConfiguration? configuration)
        : this(() => httpClient, options, configuration, ClientEnvironment.Process, FlashTiming.Default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
    }

    /// <summary>A client with its own <see cref="HttpClient"/> over <paramref name="transport"/> (a default one when null).</summary>
    internal FlashClient(FlashClientOptions options, IConfiguration? configuration, ClientEnvironment environment, FlashTiming timing, HttpMessageHandler? transport)
        : this(null!, options, configuration, environment, timing)
    {
#pragma warning disable EXTEXP0001 // The handler AddResilienceHandler installs, for a client made without dependency injection.
        _ownHttpClient = new HttpClient(new ResilienceHandler(FlashResilience.Build(timing.FirstRetry))
        {
            InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = ConnectionLifetime },
        });
#pragma warning restore EXTEXP0001
        _httpClient = () => _ownHttpClient;
    }

    /// <summary>A client over the <see cref="HttpClient"/>s <paramref name="httpClient"/> hands out (one per request).</summary>
    internal FlashClient(Func<HttpClient> httpClient, FlashClientOptions options, IConfiguration? configuration, ClientEnvironment environment, FlashTiming timing)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        Options = options;
        _configuration = configuration;
        _environment = environment;
        Timing = timing;
        Locator = new EndpointLocator(options, configuration, environment);
    }

    internal FlashClientOptions Options { get; }

    internal FlashTiming Timing { get; }

    internal EndpointLocator Locator { get; }

    /// <summary>An endpoint to call by hand (a generated client does this for you).</summary>
    /// <param name="address">Which endpoint.</param>
    /// <param name="json">JSON options that know the arguments' and results' types; null for Flash's own (primitives, <see cref="JsonElement"/>).</param>
    /// <returns>The endpoint; nothing is resolved or sent yet.</returns>
    public FlashEndpoint Endpoint(EndpointAddress address, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new FlashEndpoint(this, address, json ?? FlashClientJson.Default);
    }

    /// <summary>A generated client: an <c>[EndpointClient]</c> interface, or a client of one of the app's own endpoints.</summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No generated client of that type is known.</exception>
    public TClient Get<TClient>() where TClient : class => (TClient)Get(typeof(TClient));

    /// <summary>The generated client of <paramref name="type"/>, created once per <see cref="FlashClient"/>.</summary>
    internal object Get(Type type) => _clients.GetOrAdd(type, static (type, flash) => FlashClientRegistry.Create(type, flash), this);

    /// <inheritdoc />
    public void Dispose() => _ownHttpClient?.Dispose();

    internal HttpClient Http() => _httpClient();

    /// <summary>The API key, found on the first request and kept.</summary>
    /// <exception cref="FlashClientException">The key found cannot be sent.</exception>
    internal ApiKey Key(EndpointAddress address)
    {
        if (_key is { } known)
        {
            return known;
        }

        lock (_keyGate)
        {
            try
            {
                return _key ??= ApiKey.Find(Options, _configuration, _environment);
            }
            catch (ApiKeyException e)
            {
                throw new FlashClientException(e.Message, address.Display);
            }
        }
    }
}
