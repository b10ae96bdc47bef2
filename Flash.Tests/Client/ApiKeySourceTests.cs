using Flash.Client;

namespace Flash.Tests.Client;

/// <summary>The key a client sends, where it comes from, and that a refusal names the place, never the key.</summary>
public sealed class ApiKeySourceTests
{
    private const string Key = "rpa_CLIENTKEY_5b1e";

    [Test]
    public async Task The_key_is_sent_as_a_bearer_token_and_no_header_is_sent_without_one()
    {
        await using var h = await ClientHarness.StartAsync();

        await h.Endpoint(options: new FlashClientOptions { ApiKey = Key }).HealthAsync();
        await h.Endpoint().HealthAsync();

        Assert.That(h.Fake.Requests.Select(r => r.Authorization), Is.EqualTo(new[] { "Bearer " + Key, null }));
    }

    [TestCase("options", "FlashClientOptions.ApiKey")]
    [TestCase("configuration", "configuration Flash:ApiKey")]
    [TestCase("variable", "RUNPOD_API_KEY")]
    [TestCase("file", "~/.runpod/config.toml (api_key under [default])")]
    public async Task A_refused_key_is_reported_naming_where_it_came_from(string place, string source)
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.RequiredApiKey = "the-right-key";
        h.Variables["FLASH_DEV_URL"] = h.Fake.BaseUrl;
        var options = new FlashClientOptions();
        Microsoft.Extensions.Configuration.IConfiguration? configuration = null;
        switch (place)
        {
            case "options": options.ApiKey = Key; break;
            case "configuration": configuration = ClientHarness.Configuration(("Flash:ApiKey", Key)); break;
            case "variable": h.Variables["RUNPOD_API_KEY"] = Key; break;
            default:
                File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(h.Home, ".runpod")).FullName, "config.toml"), $"[default]\napi_key = \"{Key}\"\n");
                break;
        }

        var endpoint = h.Client(options, configuration).Endpoint(EndpointAddress.Named("echo", EndpointKind.QueueBased));
        var e = Assert.ThrowsAsync<EndpointAuthenticationException>(() => endpoint.RunAsync<int>(endpoint.Arguments()));

        Assert.That(e!.Message, Is.EqualTo(
            $"Endpoint 'echo' refused the API key from {source} (HTTP 401 Unauthorized). Check that the key is valid and may call this endpoint, and correct it in {source}."));
        Assert.That(e.KeySource, Is.EqualTo(source));
        Assert.That(e.StatusCode, Is.EqualTo(401));
        Assert.That(h.Fake.Requests.Single().Authorization, Is.EqualTo("Bearer " + Key));
    }

    [Test]
    public async Task A_refusal_without_a_key_says_none_was_sent_and_where_to_put_one()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Fake.RequiredApiKey = "the-right-key";
        var endpoint = h.Endpoint();

        var e = Assert.ThrowsAsync<EndpointAuthenticationException>(() => endpoint.HealthAsync());

        Assert.That(e!.Message, Is.EqualTo(
            "Endpoint 'echo' refused the request (HTTP 401 Unauthorized) and no API key was sent. Set FlashClientOptions.ApiKey, " +
            "configuration Flash:ApiKey or RUNPOD_API_KEY, or put api_key under [default] in ~/.runpod/config.toml."));
        Assert.That(e.KeySource, Is.EqualTo("no key was sent"));
    }

    [Test]
    public async Task A_key_that_cannot_be_sent_is_refused_before_any_request_without_showing_it()
    {
        await using var h = await ClientHarness.StartAsync();
        h.Variables["RUNPOD_API_KEY"] = "rpa_FIRSTHALF\nSECONDHALF";
        var endpoint = h.Endpoint();

        var e = Assert.ThrowsAsync<FlashClientException>(() => endpoint.HealthAsync());

        Assert.That(e!.Message, Is.EqualTo(
            "The RunPod API key in RUNPOD_API_KEY contains a line break (character 14), so it cannot be sent. Set RUNPOD_API_KEY to the key exactly as the RunPod console shows it."));
        Assert.That(h.Fake.Requests, Is.Empty);
    }
}
