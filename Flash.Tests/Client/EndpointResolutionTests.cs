using Flash.Client;

namespace Flash.Tests.Client;

/// <summary>Where a named endpoint is called: explicit, configuration, variable, flash dev, then .flash/state.json.</summary>
public sealed class EndpointResolutionTests
{
    [Test]
    public async Task Each_place_is_used_only_when_every_place_before_it_says_nothing()
    {
        await using var h = await ClientHarness.StartAsync();
        WriteState(Path.Combine(h.Root, "app"), "{\"endpoints\":{\"echo\":{\"id\":\"from-state\"}}}");
        h.Variables["RUNPOD_ENDPOINT_BASE_URL"] = h.Fake.BaseUrl + "/v2";
        var options = new FlashClientOptions();
        options.Endpoints["echo"] = h.Fake.UrlOf("from-options");
        var configuration = ClientHarness.Configuration(("Flash:Endpoints:echo", "from-configuration"));
        h.Variables["FLASH_ENDPOINT_ECHO"] = "from-variable";
        var dev = h.Fake.BaseUrl;

        await CallAsync(h.Client(options, configuration));
        await CallAsync(h.Client(new FlashClientOptions(), configuration));
        await CallAsync(h.Client());
        h.Variables.Remove("FLASH_ENDPOINT_ECHO");
        h.Variables["FLASH_DEV_URL"] = dev;
        await CallAsync(h.Client());
        h.Variables.Remove("FLASH_DEV_URL");
        await CallAsync(h.Client());

        Assert.That(h.Fake.Requests.Select(r => r.Endpoint), Is.EqualTo(new[] { "from-options", "from-configuration", "from-variable", "echo", "from-state" }));
    }

    [Test]
    public async Task An_id_is_called_under_the_endpoint_base_url_and_a_url_as_it_is()
    {
        await using var h = await ClientHarness.StartAsync();
        var client = h.Client(new FlashClientOptions { EndpointBaseUrl = new Uri(h.Fake.BaseUrl + "/v2") });

        await client.Endpoint(EndpointAddress.ById("abc123", EndpointKind.QueueBased)).HealthAsync();
        await client.Endpoint(EndpointAddress.ById("lb456", EndpointKind.LoadBalanced)).HealthAsync();
        await client.Endpoint(EndpointAddress.At(new Uri(h.Fake.UrlOf("by-url")), EndpointKind.QueueBased)).HealthAsync();

        Assert.That(h.Fake.Requests.Select(r => r.Target), Is.EqualTo(new[] { "/v2/abc123/health", "/v2/lb456/health", "/v2/by-url/health" }));
    }

    [Test]
    public async Task An_endpoint_found_nowhere_is_reported_with_every_place_tried_and_nothing_is_sent()
    {
        await using var h = await ClientHarness.StartAsync();
        var client = h.Client(configuration: ClientHarness.Configuration());
        var endpoint = client.Endpoint(EndpointAddress.Named("large-temp-storage", EndpointKind.QueueBased));

        var e = Assert.ThrowsAsync<EndpointNotConfiguredException>(() => endpoint.RunSyncAsync<int>(endpoint.Arguments()));

        Assert.That(e!.Message, Is.EqualTo(
            "Endpoint 'large-temp-storage' has no location. Tried: FlashClientOptions.Endpoints, configuration Flash:Endpoints:large-temp-storage, " +
            $"variable FLASH_ENDPOINT_LARGE_TEMP_STORAGE, FLASH_DEV_URL, .flash/state.json (none found from {h.WorkingDirectory} upward). " +
            "Run `flash deploy` in the app's project directory, set one of these, or start `flash dev` and set FLASH_DEV_URL."));
        Assert.That(e.Endpoint, Is.EqualTo("endpoint 'large-temp-storage'"));
        Assert.That(e.Tried, Has.Count.EqualTo(5));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task A_state_file_without_the_endpoint_is_named_in_the_message()
    {
        await using var h = await ClientHarness.StartAsync();
        var state = WriteState(h.Root, "{\"endpoints\":{\"other\":{\"id\":\"x\"}}}");
        var endpoint = h.Client().Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));

        var e = Assert.ThrowsAsync<EndpointNotConfiguredException>(() => endpoint.HealthAsync());

        Assert.That(e!.Message, Is.EqualTo(
            "Endpoint 'echo' has no location. Tried: FlashClientOptions.Endpoints, variable FLASH_ENDPOINT_ECHO, FLASH_DEV_URL, " +
            $".flash/state.json ({state} has no endpoint 'echo'). " +
            "Run `flash deploy` in the app's project directory, set one of these, or start `flash dev` and set FLASH_DEV_URL."));
    }

    [Test]
    public async Task The_location_is_found_on_the_first_call_and_kept()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Variables["FLASH_ENDPOINT_ECHO"] = h.Fake.UrlOf("first");
        var endpoint = h.Client().Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));
        h.Variables["FLASH_ENDPOINT_ECHO"] = h.Fake.UrlOf("second");

        await endpoint.HealthAsync();
        h.Variables["FLASH_ENDPOINT_ECHO"] = h.Fake.UrlOf("third");
        await endpoint.HealthAsync();

        Assert.That(h.Fake.Requests.Select(r => r.Endpoint), Is.EqualTo(new[] { "second", "second" }));
    }

    [Test]
    public async Task The_environment_named_by_configuration_or_variable_chooses_the_state_file()
    {
        await using var h = await ClientHarness.StartAsync();
        WriteState(Path.Combine(h.Root, "app"), "{\"endpoints\":{\"echo\":{\"id\":\"from-production\"}}}");
        WriteState(Path.Combine(h.Root, "app"), "{\"endpoints\":{\"echo\":{\"id\":\"from-staging\"}}}", "staging");
        WriteState(Path.Combine(h.Root, "app"), "{\"endpoints\":{\"echo\":{\"id\":\"from-qa\"}}}", "qa");
        h.Variables["RUNPOD_ENDPOINT_BASE_URL"] = h.Fake.BaseUrl + "/v2";

        await CallAsync(h.Client());
        h.Variables["FLASH_ENVIRONMENT"] = "staging";
        await CallAsync(h.Client());
        await CallAsync(h.Client(configuration: ClientHarness.Configuration(("Flash:Environment", "qa"))));
        h.Variables["FLASH_ENVIRONMENT"] = "production";
        await CallAsync(h.Client());

        Assert.That(h.Fake.Requests.Select(r => r.Endpoint), Is.EqualTo(new[] { "from-production", "from-staging", "from-qa", "from-production" }));
    }

    [Test]
    public async Task An_environment_without_a_state_file_is_named_in_the_message()
    {
        await using var h = await ClientHarness.StartAsync();
        WriteState(h.Root, "{\"endpoints\":{\"echo\":{\"id\":\"x\"}}}");
        h.Variables["FLASH_ENVIRONMENT"] = "staging";
        var endpoint = h.Client().Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));

        var e = Assert.ThrowsAsync<EndpointNotConfiguredException>(() => endpoint.HealthAsync());

        Assert.That(e!.Message, Is.EqualTo(
            "Endpoint 'echo' has no location. Tried: FlashClientOptions.Endpoints, variable FLASH_ENDPOINT_ECHO, FLASH_DEV_URL, " +
            $".flash/staging/state.json (none found from {h.WorkingDirectory} upward). " +
            "Run `flash deploy` in the app's project directory, set one of these, or start `flash dev` and set FLASH_DEV_URL."));
    }

    [Test]
    public async Task An_environment_name_that_is_not_one_is_refused_naming_where_it_came_from()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Variables["FLASH_ENVIRONMENT"] = "../Staging";
        var endpoint = h.Client().Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));

        var e = Assert.ThrowsAsync<FlashClientException>(() => endpoint.HealthAsync());

        Assert.That(e!.Message, Is.EqualTo(
            "variable FLASH_ENVIRONMENT is '../Staging', which is not an environment name: lower-case letters, digits and '-' (not first or last), e.g. staging."));
        Assert.That(h.Fake.Requests, Is.Empty);
    }

    private static Task CallAsync(FlashClient client) =>
        client.Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased)).HealthAsync();

    private static string WriteState(string directory, string json, string? environment = null)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(directory, ".flash", environment ?? "")).FullName, "state.json");
        File.WriteAllText(path, json);
        return path;
    }
}
