using Flash.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flash.Tests.Client;

/// <summary>AddFlashClients: one FlashClient over IHttpClientFactory, configuration read, generated clients resolvable.</summary>
public sealed class DependencyInjectionTests
{
    [Test]
    public async Task A_registered_client_resolves_as_a_singleton_and_calls_through_the_factorys_http_client()
    {
        await using var h = await ClientHarness.StartAsync();
        FlashClientRegistry.Register<IEchoClient>(flash => new EchoClient(flash));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(ClientHarness.Configuration(("Flash:Endpoints:echo", h.Fake.UrlOf("configured")), ("Flash:ApiKey", "key-from-configuration")));
        services.AddFlashClients(options => options.DefaultWaitTimeout = TimeSpan.FromSeconds(5));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IEchoClient>();
        var health = await client.HealthAsync();

        Assert.That(client, Is.SameAs(provider.GetRequiredService<IEchoClient>()));
        Assert.That(provider.GetRequiredService<FlashClient>().Get<IEchoClient>(), Is.SameAs(client));
        Assert.That(health.GetProperty("jobs").GetProperty("completed").GetInt32(), Is.EqualTo(1));
        Assert.That(h.Fake.Requests.Single(), Is.EqualTo(new Flash.FakeRunPod.Endpoints.RecordedEndpointRequest(
            "GET", "/v2/configured/health", "configured", "GET /health", "Bearer key-from-configuration", "")));
    }

    [Test]
    public void A_client_type_nobody_registered_is_refused_with_what_to_do()
    {
        using var flash = new FlashClient(new FlashClientOptions());

        var e = Assert.Throws<InvalidOperationException>(() => flash.Get<IUnregistered>());

        Assert.That(e!.Message, Is.EqualTo(
            "Flash.Tests.Client.DependencyInjectionTests+IUnregistered is not a generated Flash client. Mark the interface with [EndpointClient], or use a client " +
            "of the app's own endpoints (FlashClients.*), in a project that references Flash.Client so the generator implements it."));
    }

    public interface IEchoClient
    {
        Task<System.Text.Json.JsonElement> HealthAsync();
    }

    public interface IUnregistered;

    /// <summary>What the generator writes for an interface client, by hand.</summary>
    private sealed class EchoClient(FlashClient flash) : IEchoClient
    {
        private readonly FlashEndpoint _endpoint = flash.Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));

        public Task<System.Text.Json.JsonElement> HealthAsync() => _endpoint.HealthAsync();
    }
}
