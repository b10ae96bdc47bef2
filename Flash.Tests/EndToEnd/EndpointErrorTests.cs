using Caller;
using Flash.Client;
using Flash.Tests.Dev;
using Flash.Tests.Infrastructure;
using Quickstart;

namespace Flash.Tests.EndToEnd;

/// <summary>
/// What a generated client says when flash dev (started with an API key) refuses a call, does not know the endpoint, or
/// would be sent an input larger than RunPod takes. One flash dev for the fixture.
/// </summary>
[NonParallelizable]
public sealed class EndpointErrorTests
{
    private const string Key = "e2e-key-123";

    private FlashDevSession _dev = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _dev = await FlashDevSession.StartAsync("--api-key", Key);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _dev.DisposeAsync();
        Assert.That(await _dev.Run, Is.EqualTo(0), _dev.Output);
    }

    [Test]
    public void A_key_flash_dev_does_not_take_is_refused_naming_where_the_key_came_from()
    {
        using var flash = DevClients.For(_dev.Url, apiKey: "another-key-456");

        var refused = Assert.ThrowsAsync<EndpointAuthenticationException>(() => flash.Get<ILargeTempStorage>().ProcessAsync(new Request("hello")));

        Assert.That(refused!.Message, Is.EqualTo(
            "Endpoint 'large-temp-storage' refused the API key from FlashClientOptions.ApiKey (HTTP 401 Unauthorized). " +
            "Check that the key is valid and may call this endpoint, and correct it in FlashClientOptions.ApiKey."));
        Assert.That(refused.KeySource, Is.EqualTo("FlashClientOptions.ApiKey"));
        Assert.That(refused.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public void Without_a_key_the_refusal_says_none_was_sent_and_where_to_put_one()
    {
        using var flash = DevClients.For(_dev.Url);

        var refused = Assert.ThrowsAsync<EndpointAuthenticationException>(() => flash.Get<ILargeTempStorage>().StartAsync(new Request("hello")));

        Assert.That(refused!.Message, Is.EqualTo(
            "Endpoint 'large-temp-storage' refused the request (HTTP 401 Unauthorized) and no API key was sent. " +
            "Set FlashClientOptions.ApiKey, configuration Flash:ApiKey or RUNPOD_API_KEY, or put api_key under [default] in ~/.runpod/config.toml."));
        Assert.That(refused.KeySource, Is.EqualTo("no key was sent"));
    }

    [Test]
    public void An_endpoint_the_app_does_not_have_is_not_found()
    {
        using var flash = DevClients.For(_dev.Url, Key);
        var endpoint = flash.Endpoint(EndpointAddress.Named("no-such-endpoint", EndpointKind.QueueBased));

        var missing = Assert.ThrowsAsync<EndpointNotFoundException>(() => endpoint.RunSyncAsync<string>(endpoint.Arguments().Add("text", "x")));

        var url = $"{_dev.Url}/v2/no-such-endpoint/runsync";
        Assert.That(missing!.Message, Is.EqualTo(
            $"Endpoint 'no-such-endpoint' was not found at {url} (HTTP 404 Not Found: The app has no endpoint 'no-such-endpoint'; " +
            "its endpoints: global-inference, inference-api, large-temp-storage, persistent-storage, word-stream). " +
            "Its location came from FlashClientOptions.DevUrl: check it, or run `flash deploy` to create the endpoint."));
        Assert.That(missing.Url, Is.EqualTo(new Uri(url)));
    }

    [Test]
    public async Task An_input_above_10_MB_is_refused_before_anything_is_sent()
    {
        await using var proxy = await FaultProxy.StartAsync(_dev.Url);
        using var flash = DevClients.For(proxy.BaseUrl, Key);
        var text = new string('x', 10 * 1024 * 1024);

        var refused = Assert.ThrowsAsync<InputTooLargeException>(() => flash.Get<ILargeTempStorage>().StartAsync(new Request(text)));

        var size = text.Length + """{"input":{"data":{"text":""}}}""".Length;
        Assert.That(refused!.Message, Is.EqualTo(
            $"The input of the call to endpoint 'large-temp-storage' is {size} bytes of JSON; /run takes at most 10485760 bytes (10 MB), so nothing was sent. " +
            "Pass large data by reference (a URL, or a file on a network volume) instead."));
        Assert.That((refused.Size, refused.Limit), Is.EqualTo((size, 10485760L)));
        Assert.That(proxy.Requests, Is.Empty);
    }
}
