using Flash.Client;
using Flash.FakeRunPod.Endpoints;
using Microsoft.Extensions.Configuration;

namespace Flash.Tests.Client;

/// <summary>
/// A fake endpoint API on loopback and the clients' surroundings under test control: variables, a home directory and a
/// current directory of their own (temporary), and pauses shortened to milliseconds.
/// </summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    /// <summary>Polls from 1 ms, ×1.5, at most 4 ms; 5 failed polls survived; retries from 1 ms.</summary>
    public static readonly FlashTiming Fast = new(TimeSpan.FromMilliseconds(1), 1.5, TimeSpan.FromMilliseconds(4), 5, TimeSpan.FromMilliseconds(1));

    private readonly List<FlashClient> _clients = [];

    private ClientHarness(FakeEndpointServer fake, string root)
    {
        Fake = fake;
        Root = root;
        Home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        WorkingDirectory = Directory.CreateDirectory(Path.Combine(root, "app", "bin")).FullName;
    }

    public FakeEndpointServer Fake { get; }

    public string Root { get; }

    public string Home { get; }

    public string WorkingDirectory { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public ClientEnvironment Environment => new(name => Variables.GetValueOrDefault(name), Home, WorkingDirectory);

    public static async Task<ClientHarness> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("flash-client-").FullName;
        return new ClientHarness(await FakeEndpointServer.StartAsync(), root);
    }

    /// <summary>A client with its own HttpClient over <paramref name="transport"/> (a default one when null).</summary>
    public FlashClient Client(FlashClientOptions? options = null, IConfiguration? configuration = null, HttpMessageHandler? transport = null)
    {
        var client = new FlashClient(options ?? new FlashClientOptions(), configuration, Environment, Fast, transport);
        _clients.Add(client);
        return client;
    }

    /// <summary>The endpoint <paramref name="name"/> of the fake, found through FLASH_DEV_URL.</summary>
    public FlashEndpoint Endpoint(string name = "echo", FlashClientOptions? options = null, EndpointKind kind = EndpointKind.QueueBased)
    {
        Variables[EndpointSettings.DevUrlVariable] = Fake.BaseUrl;
        return Client(options).Endpoint(EndpointAddress.Named(name, kind));
    }

    public static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Fake.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
