using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Flash.Client;

/// <summary>
/// The connection to RunPod's endpoint API that every Flash client shares: the API key, where endpoints are, one
/// <see cref="HttpClient"/> with transient-fault handling. With dependency injection, <c>services.AddFlashClients()</c>
/// registers it; without, create one and keep it for the app's lifetime.
/// </summary>
public sealed class FlashClient : IDisposable
{
    /// <summary>A client with its own <see cref="HttpClient"/>, every setting from the environment.</summary>
    public FlashClient()
        : this(new FlashClientOptions())
    {
    }

    /// <summary>A client with its own <see cref="HttpClient"/> (and the same fault handling <c>AddFlashClients</c> sets up).</summary>
    /// <param name="options">Settings; what they leave out comes from the environment.</param>
    public FlashClient(FlashClientOptions options) => throw new NotImplementedException();

    /// <summary>A client over an <see cref="HttpClient"/> made elsewhere (by <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client; its handler chain should carry Flash's fault handling.</param>
    /// <param name="options">Settings.</param>
    /// <param name="configuration">Configuration to read <c>Flash:*</c> settings from, or null.</param>
    public FlashClient(HttpClient httpClient, FlashClientOptions options, IConfiguration? configuration) => throw new NotImplementedException();

    /// <summary>An endpoint to call by hand (a generated client does this for you).</summary>
    /// <param name="address">Which endpoint.</param>
    /// <param name="json">JSON options that know the arguments' and results' types; null for Flash's own (primitives, <see cref="JsonElement"/>).</param>
    /// <returns>The endpoint; nothing is resolved or sent yet.</returns>
    public FlashEndpoint Endpoint(EndpointAddress address, JsonSerializerOptions? json = null) => throw new NotImplementedException();

    /// <summary>A generated client: an <c>[EndpointClient]</c> interface, or a client of one of the app's own endpoints.</summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No generated client of that type is known.</exception>
    public TClient Get<TClient>() where TClient : class => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose() => throw new NotImplementedException();
}
